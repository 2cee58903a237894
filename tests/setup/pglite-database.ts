// One in-memory PGlite for the whole run, owned by vitest's main process and served to the test workers on a Unix
// socket in a private temp folder (no TCP port: other local users cannot log in to it).
import type { TestProject } from "vitest/node";
import { openEmbeddedDatabase } from "../../lib/db/tooling/embedded";
import { applyMigrations } from "../../lib/db/tooling/schema-engine";

export default async function setup(project: TestProject) {
  const database = await openEmbeddedDatabase("memory://");
  await applyMigrations(database.url);
  project.provide("databaseUrl", database.url);
  project.provide("databaseKind", "pglite");
  return () => database.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "pglite" | "postgres";
  }
}
