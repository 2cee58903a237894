// Drives Prisma's wasm schema engine through a driver adapter, so migrations are created and applied without the
// native engine binary (which the Prisma CLI downloads, and which cannot be downloaded offline). The engine writes
// Prisma's own `_prisma_migrations` table, so `prisma migrate deploy` keeps working for anyone who has the binary.
//
// Tooling, not the app: scripts and test setups migrate the database through this file.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { migrateJobSchema } from "../../jobs/job-schema";

const require = createRequire(import.meta.url);
const projectRoot = path.resolve(import.meta.dirname, "../../..");
export const schemaPath = path.join(projectRoot, "prisma/schema.prisma");
export const migrationsDir = path.join(projectRoot, "prisma/migrations");
const noSchemaFilter = { externalTables: [], externalEnums: [] };

// Kept on globalThis: the wasm bindings module is one per process, even when a test runner loads this file twice.
const shared = globalThis as unknown as { schemaEngineWasm?: Promise<void>; schemaEngineQueue?: Promise<unknown> };

// Node 20 cannot `import` a .wasm file, so instantiate it by hand with the bindings' own import object.
function loadWasm(): Promise<void> {
  shared.schemaEngineWasm ??= (async () => {
    // The engine reports a Rust panic's message here before it throws; without it the panic itself is lost.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => console.error(`Prisma schema engine panicked: ${message}`),
    };
    const wasmFile = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmFile), {
      "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    (engineBindings as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return shared.schemaEngineWasm;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
type RawResult = { fields: { dataTypeID: number }[] };
type Queryable = {
  performIO: (query: unknown) => Promise<RawResult>;
  queryRaw: (query: unknown) => Promise<{ columnTypes: number[] }>;
};

// Introspection reads catalog columns of Postgres' internal one-byte "char" type, which adapter-pg refuses to map,
// while the engine wants them typed as Character. Let adapter-pg read them as text, then retype those columns.
function readCharColumns<T>(adapter: T): T {
  const queryable = adapter as unknown as Queryable;
  const performIO = queryable.performIO.bind(queryable);
  const queryRaw = queryable.queryRaw.bind(queryable);
  let charColumns: number[] = [];
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    charColumns = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      charColumns.push(index);
    });
    return result;
  };
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

class CatalogReadingPg extends PrismaPg {
  // The engine never disposes what it connected, and an open pool keeps the process alive: close them ourselves.
  private readonly opened: { dispose: () => Promise<void> }[] = [];

  override async connect() {
    return this.track(readCharColumns(await super.connect()));
  }
  override async connectToShadowDb() {
    return this.track(readCharColumns(await super.connectToShadowDb()));
  }
  async disposeAll() {
    await Promise.allSettled(this.opened.splice(0).map((adapter) => adapter.dispose()));
  }
  private track<T extends { dispose: () => Promise<void> }>(adapter: T): T {
    this.opened.push(adapter);
    return adapter;
  }
}

type OpenEngine = { engine: SchemaEngine; close: () => Promise<void> };

async function openEngine(databaseUrl: string): Promise<OpenEngine> {
  await loadWasm();
  const schema = await readFile(schemaPath, "utf8");
  const log = () => {};
  const pg = new CatalogReadingPg({ connectionString: databaseUrl, max: 1 });
  // The engine expects the bound, result-wrapping form of the adapter factory (as Prisma's own CLI builds it).
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    log,
    bindMigrationAwareSqlAdapterFactory(pg),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await pg.disposeAll();
    },
  };
}

export async function readMigrationList(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockfileContent = await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockfileContent },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      directories.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((error: Error) => ({ tag: "error" as const, value: error.message })),
        },
      })),
    ),
  };
}

// One wasm instance serves the whole process and it does not survive two engines working at once (seen when the
// test run migrates PGlite and PostgreSQL side by side): run engine work one call at a time.
function serialized<T>(work: () => Promise<T>): Promise<T> {
  const result = (shared.schemaEngineQueue ?? Promise.resolve()).then(work, work);
  shared.schemaEngineQueue = result.catch(() => {});
  return result;
}

/** Applies every migration in prisma/migrations that the database has not seen yet; returns their names. */
/** Prisma's migrations, then the job queue's own schema (graphile-worker), so jobs can be added from the start. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const applied = await applyPrismaMigrations(databaseUrl);
  await migrateJobSchema(databaseUrl);
  return applied;
}

function applyPrismaMigrations(databaseUrl: string): Promise<string[]> {
  return serialized(() => applyMigrationsNow(databaseUrl));
}

async function applyMigrationsNow(databaseUrl: string): Promise<string[]> {
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const result = await engine.applyMigrations({ migrationsList: await readMigrationList(), filters: noSchemaFilter });
    return result.appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * The SQL that takes a database holding every committed migration to the current schema.prisma.
 * Must be given a throwaway database (the caller uses an in-memory PGlite): it applies the migrations to it first.
 */
export async function diffSchemaAgainstMigrations(scratchDatabaseUrl: string): Promise<string> {
  await applyPrismaMigrations(scratchDatabaseUrl);
  return serialized(() => diffNow(scratchDatabaseUrl));
}

async function diffNow(scratchDatabaseUrl: string): Promise<string> {
  const { engine, close } = await openEngine(scratchDatabaseUrl);
  try {
    const schema = await readFile(schemaPath, "utf8");
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [{ path: schemaPath, content: schema }], configDir: projectRoot },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: noSchemaFilter,
    });
    return result.stdout ?? "";
  } finally {
    await close();
  }
}
