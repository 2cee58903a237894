// The embedded database serves several pooled connections over one PGlite session. Each connection's
// extended-protocol exchange (Parse/Bind/Execute…Sync) must run as a unit, or statements of different connections
// mix — seen as "portal does not exist" and, worse, as empty results for rows that exist.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";

const run = promisify(execFile);
let database: EmbeddedDatabase;

beforeAll(async () => {
  database = await openEmbeddedDatabase("memory://");
}, 30_000);
afterAll(() => database.close());

// The load comes from other processes, as it does from the Next server: in-process clients happen to interleave less.
async function loadFromAnotherProcess() {
  const client = path.resolve("tests/helpers/embedded-load-client.mjs");
  const { stdout } = await run(process.execPath, [client, database.url], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { wrong: number; failed: number; errors: string[] };
}

describe("embedded database under concurrent connections", () => {
  it("gives every connection its own, correct results while others run transactions", async () => {
    const results = await Promise.all([loadFromAnotherProcess(), loadFromAnotherProcess()]);
    for (const result of results) expect(result).toEqual({ wrong: 0, failed: 0, errors: [] });
  }, 90_000);
});
