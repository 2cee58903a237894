// Exactly one live process owns an embedded database folder; a dead owner (kill -9) or a leftover record naming a
// recycled pid never blocks. Who may reach it: embedded-database-access.test.ts.
import { lstat, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openEmbeddedDatabase } from "@/lib/db/tooling/embedded";
import { setUpDatabaseFolder, startLauncher, startTogether } from "../helpers/embedded-database-probes";
import { listeningTcpPorts } from "../helpers/listening-ports";

describe("embedded database access", () => {
  const embedded = setUpDatabaseFolder();

  it("is not blocked by a leftover owner record naming a live process (a pid reused after a reboot)", async () => {
    await embedded.close();
    // What an earlier version left behind when killed; after a reboot its pid may belong to any live process.
    const record = path.join(embedded.dataRoot, "owner.json");
    await writeFile(record, JSON.stringify({ pid: process.ppid, port: 9 }));
    try {
      embedded.database = await openEmbeddedDatabase(embedded.dataRoot);
      expect(embedded.database.isOwner).toBe(true);
    } finally {
      await rm(record, { force: true });
    }
  }, 30_000);

  it("does not share the folder with an older version that still serves it (its pid alive, its port answering)", async () => {
    await embedded.close();
    const olderOwner = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => olderOwner.listen(0, "127.0.0.1", resolve));
    const record = path.join(embedded.dataRoot, "owner.json");
    await writeFile(
      record,
      JSON.stringify({ pid: process.pid, port: (olderOwner.address() as { port: number }).port }),
    );
    try {
      await expect(openEmbeddedDatabase(embedded.dataRoot)).rejects.toThrow(
        /An older version of this app .* still serves/,
      );
    } finally {
      await new Promise((resolve) => olderOwner.close(resolve));
    }
    embedded.database = await openEmbeddedDatabase(embedded.dataRoot); // once it stopped, the record is a leftover
    expect(embedded.database.isOwner).toBe(true);
    await expect(lstat(record)).rejects.toThrow(/ENOENT/);
  }, 30_000);

  it("refuses a second live launcher on the same folder", async () => {
    await embedded.own();
    const second = startLauncher(embedded.dataRoot);
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.output()).toMatch(/Another running process owns the embedded database/);
  }, 30_000);

  it("lets the next start take over after the owning launcher was killed with SIGKILL", async () => {
    await embedded.close();
    const killed = startLauncher(embedded.dataRoot);
    await killed.databaseReady;
    // It serves the database on its Unix socket only: no TCP port anyone on the machine could try.
    expect(listeningTcpPorts(killed.launcher.pid!)).toEqual([]);
    process.kill(-killed.launcher.pid!, "SIGKILL");
    expect(await killed.exited).toEqual({ code: null, signal: "SIGKILL" });

    embedded.database = await openEmbeddedDatabase(embedded.dataRoot);
    expect(embedded.database.isOwner).toBe(true);
    const client = new pg.Client({ connectionString: embedded.database.url });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS applied FROM _prisma_migrations");
    expect(rows[0].applied).toBeGreaterThan(0); // what the killed launcher migrated is there
    await client.end();
  }, 60_000);

  it("gives the folder to exactly one of several processes that start at the same moment", async () => {
    await embedded.close();
    const together = await startTogether(embedded.dataRoot, 4);
    try {
      expect(together.reports.filter((report) => report.isOwner)).toHaveLength(1);
      expect(together.reports.every((report) => report.answered)).toBe(true);
    } finally {
      await together.stop();
    }
  }, 60_000);
});
