// `npm run keys:rotate`, run as an operator runs it (a child process), on the embedded database (through a running
// owner, and opening the folder itself) and on PostgreSQL: old-key payloads are re-encrypted and still decrypt,
// a second run changes nothing, unknown keys are reported and left alone, and no value or key is ever printed.
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { ENCRYPTED_COLUMNS } from "@/lib/crypto/rotate-secrets";
import { createKeyring, decryptSecret, encryptSecret, secretContext } from "@/lib/crypto/secrets";
import { openEmbeddedDatabase } from "@/lib/db/tooling/embedded";
import { db } from "@/lib/db/prisma";
import { applyMigrations } from "@/lib/db/tooling/schema-engine";
import { createIntegration } from "../helpers/integration-api";
import { createTestOrg } from "../helpers/seed";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");
const COLUMNS = ENCRYPTED_COLUMNS.integrations;
const newKey = () => randomBytes(32).toString("base64");
const keyIdOf = (payload: string) => payload.split(":")[1];
const contextOf = (id: string, column: string) => secretContext("integrations", column, id);

async function keysRotate(env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  try {
    const { stdout, stderr } = await run(tsx, ["scripts/keys-rotate.ts"], { env: childEnv, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

type Seeded = { id: string; plaintexts: Record<string, string> };

async function seedRow(client: pg.Client, orgId: string, key: string | null): Promise<Seeded> {
  const id = randomUUID();
  const plaintexts = Object.fromEntries(COLUMNS.map((column) => [column, `${column}-plain-${randomUUID()}`]));
  const keyring = key ? createKeyring(key) : null;
  const values = COLUMNS.map((column) =>
    keyring ? encryptSecret(plaintexts[column], keyring, contextOf(id, column)) : null,
  );
  await client.query(
    `INSERT INTO integrations (id, org_id, integration_type, name, updated_at, ${COLUMNS.join(", ")})
     VALUES ($1, $2, 'other', 'rotation', '2024-01-02T03:04:05.678Z', ${COLUMNS.map((_, index) => `$${index + 3}`).join(", ")})`,
    [id, orgId, ...values],
  );
  return { id, plaintexts };
}

async function readRows(client: pg.Client) {
  const { rows } = await client.query(
    `SELECT id::text, updated_at, ${COLUMNS.join(", ")} FROM integrations ORDER BY id`,
  );
  return new Map(rows.map((row) => [row.id as string, row as Record<string, string | null> & { updated_at: Date }]));
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!);

/** The whole scenario against one database; `connect` opens a client on it, `scriptEnv` points the command at it. */
async function rotationScenario(
  connect: () => Promise<pg.Client>,
  scriptEnv: () => Promise<Record<string, string | undefined>>,
) {
  const [oldKey, currentKey, unknownKey] = [newKey(), newKey(), newKey()];
  let client = await connect();
  const orgId = randomUUID();
  await client.query("INSERT INTO organizations (id, name) VALUES ($1, 'Rotation')", [orgId]);
  const underOldKey = [
    await seedRow(client, orgId, oldKey),
    await seedRow(client, orgId, oldKey),
    await seedRow(client, orgId, oldKey),
  ];
  const underCurrentKey = await seedRow(client, orgId, currentKey);
  await seedRow(client, orgId, null);
  const before = await readRows(client);
  await client.end();

  const keysEnv = { ENCRYPTION_KEY: currentKey, ENCRYPTION_KEYS_PREVIOUS: oldKey, NEXTAUTH_SECRET: "x".repeat(40) };
  const first = await keysRotate({ ...(await scriptEnv()), ...keysEnv });
  expect(first.stderr).not.toMatch(/failed:/);
  expect(first.code).toBe(0);
  const firstReport = lastJson(first.stdout);
  expect(firstReport.rows).toBe(5);
  for (const column of COLUMNS) {
    expect(firstReport.columns[`integrations.${column}`]).toEqual({ reEncrypted: 3, alreadyCurrent: 1, failed: 0 });
  }

  client = await connect();
  const afterFirst = await readRows(client);
  await client.end();
  const currentOnly = createKeyring(currentKey); // the old key is no longer needed to read anything
  for (const seeded of [...underOldKey, underCurrentKey]) {
    const row = afterFirst.get(seeded.id)!;
    expect(row.updated_at).toEqual(before.get(seeded.id)!.updated_at);
    for (const column of COLUMNS) {
      expect(keyIdOf(row[column]!)).toBe(currentOnly.current.id);
      expect(decryptSecret(row[column]!, currentOnly, contextOf(seeded.id, column))).toBe(seeded.plaintexts[column]);
    }
  }
  for (const column of COLUMNS)
    expect(afterFirst.get(underCurrentKey.id)![column]).toBe(before.get(underCurrentKey.id)![column]);

  const second = await keysRotate({ ...(await scriptEnv()), ...keysEnv });
  expect(second.code).toBe(0);
  for (const column of COLUMNS) {
    expect(lastJson(second.stdout).columns[`integrations.${column}`]).toEqual({
      reEncrypted: 0,
      alreadyCurrent: 4,
      failed: 0,
    });
  }
  client = await connect();
  expect(await readRows(client)).toEqual(afterFirst);

  // A value under a key nobody configured: counted, left untouched, and the command says so with exit code 1.
  const orphan = await seedRow(client, orgId, unknownKey);
  const orphanBefore = (await readRows(client)).get(orphan.id);
  await client.end();
  const third = await keysRotate({ ...(await scriptEnv()), ...keysEnv });
  expect(third.code).toBe(1);
  expect(third.stderr).toMatch(/ENCRYPTION_KEYS_PREVIOUS/);
  for (const column of COLUMNS) expect(lastJson(third.stdout).columns[`integrations.${column}`].failed).toBe(1);
  client = await connect();
  expect((await readRows(client)).get(orphan.id)).toEqual(orphanBefore);
  await client.end();

  const everythingPrinted = [first, second, third].map((result) => result.stdout + result.stderr).join("\n");
  const forbidden = [
    oldKey,
    currentKey,
    unknownKey,
    ...[...underOldKey, underCurrentKey, orphan].flatMap((s) => Object.values(s.plaintexts)),
  ];
  for (const secret of forbidden) expect(everythingPrinted).not.toContain(secret);
}

describe("npm run keys:rotate", () => {
  it("knows every column that holds an encrypted payload, in every table", async () => {
    const org = await createTestOrg();
    await createIntegration(org, {
      integration_type: "facebook",
      name: "All secrets",
      access_token: "a-token",
      api_key: "1234",
      api_secret: "a-secret",
      refresh_token: "r",
    });
    // Any text column anywhere whose values look like our payloads must be rotated (others' tests fill tables too).
    const textColumns = await db().$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying') AND table_name <> '_prisma_migrations'`,
    );
    const holdingPayloads: string[] = [];
    for (const { table_name, column_name } of textColumns) {
      const [hit] = await db().$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM "${table_name}" WHERE "${column_name}" ~ '^v[12]:[A-Za-z0-9_-]{8}:' LIMIT 1`,
      );
      if (hit) holdingPayloads.push(`${table_name}.${column_name}`);
    }
    const rotated = Object.entries(ENCRYPTED_COLUMNS).flatMap(([table, columns]) =>
      columns.map((column) => `${table}.${column}`),
    );
    expect(holdingPayloads.length).toBeGreaterThanOrEqual(5);
    expect(rotated).toEqual(expect.arrayContaining(holdingPayloads));
  });

  // Each database project runs the variant for its own database.
  if (inject("databaseKind") === "pglite")
    it("re-encrypts on the embedded database, through a running owner and opening the folder itself", async () => {
      const dataRoot = await mkdtemp(path.join(tmpdir(), "oi-rotate-"));
      // This test process plays the running app: it owns the folder, so the command must go through its port.
      let owner = await openEmbeddedDatabase(dataRoot);
      await applyMigrations(owner.url);
      let runs = 0;
      const connect = async () => {
        owner ??= await openEmbeddedDatabase(dataRoot);
        const client = new pg.Client({ connectionString: owner.url });
        await client.connect();
        return client;
      };
      const scriptEnv = async () => {
        // Every other run finds no owner and opens the folder itself (then closes it again).
        if (++runs % 2 === 0 && owner) {
          await owner.close();
          owner = null!;
        }
        return { DATABASE_URL: undefined, PGLITE_DIR: dataRoot };
      };
      try {
        await rotationScenario(connect, scriptEnv);
      } finally {
        await owner?.close();
        await rm(dataRoot, { recursive: true, force: true });
      }
    }, 120_000);
  else
    it("re-encrypts on PostgreSQL", async () => {
      const url = new URL(inject("databaseUrl"));
      url.pathname = `/oi_rotate_${Date.now()}_${randomBytes(3).toString("hex")}`;
      const admin = new pg.Client({ connectionString: inject("databaseUrl") });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${url.pathname.slice(1)}"`);
      try {
        await applyMigrations(url.toString());
        const connect = async () => {
          const client = new pg.Client({ connectionString: url.toString() });
          await client.connect();
          return client;
        };
        await rotationScenario(connect, async () => ({ DATABASE_URL: url.toString() }));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
        await admin.end();
      }
    }, 120_000);
});
