// npm run db:backup / db:restore on the embedded database, as an operator runs them: the app (another process) owns
// the folder and keeps writing while the backup is taken; the archive restores into a fresh folder only, and there
// the same integrations and messages read back, secrets decrypting with the same ENCRYPTION_KEY, and every write
// either wholly in the copy or wholly not (the conversation counters agree with the messages).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedDatabase } from "@/lib/db/tooling/embedded";
import { applyMigrations } from "@/lib/db/tooling/schema-engine";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { openSecret, sealSecret } from "@/lib/integrations/integration-secrets";

const tsx = ["--import", "tsx"];
let workDir: string;
let appDataRoot: string;
let app: ChildProcessWithoutNullStreams | undefined;

/** Runs one of the npm scripts the way `npm run` does, for this data folder (and no DATABASE_URL). */
function runScript(
  script: string,
  args: string[],
  dataRoot: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dataRoot };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...tsx, script, ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

/** The running app's side: a process that owns the folder and serves it, like scripts/launch.ts. */
async function startApp(dataRoot: string): Promise<string> {
  app = spawn(process.execPath, [...tsx, "tests/helpers/embedded-owner-child.ts", dataRoot, "0"]);
  const report = await new Promise<{ isOwner: boolean; url: string }>((resolve, reject) => {
    let output = "";
    app!.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("\n")) resolve(JSON.parse(output.trim().split("\n")[0]));
    });
    app!.on("exit", (code) => reject(new Error(`the app process exited (${code})`)));
  });
  expect(report.isOwner).toBe(true);
  return report.url;
}

async function stopApp() {
  const exited = new Promise((resolve) => app!.on("exit", resolve));
  app!.stdin.end();
  await exited;
  app = undefined;
}

const clientFor = (url: string) => new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "oi-backup-test-"));
  appDataRoot = path.join(workDir, "app-data");
});
afterAll(async () => {
  if (app) await stopApp();
  await rm(workDir, { recursive: true, force: true });
});

describe("db:backup and db:restore of the embedded database", () => {
  const backupFile = () => path.join(workDir, "backup.tar.gz");
  const seeded = {
    orgId: randomUUID(),
    integrationId: randomUUID(),
    accessToken: `EAAB${randomUUID()}`,
    appSecret: `secret-${randomUUID()}`,
    psid: "7001",
  };

  it("writes a consistent copy while the app runs and writes", async () => {
    const url = await startApp(appDataRoot);
    await applyMigrations(url);
    const client = clientFor(url);
    try {
      const { orgId, integrationId, psid } = seeded;
      await client.organization.create({ data: { id: orgId, name: "Backed up" } });
      await client.integration.create({
        data: {
          id: integrationId,
          orgId,
          integrationType: "facebook",
          name: "Page to keep",
          isActive: true,
          config: { page_id: "123" },
          accessToken: sealSecret(integrationId, "accessToken", seeded.accessToken),
          apiSecret: sealSecret(integrationId, "apiSecret", seeded.appSecret),
        },
      });
      const message = (i: number) => ({
        integrationId,
        mid: `m_seed_${i}`,
        direction: "inbound" as const,
        kind: "message",
        senderId: psid,
        recipientId: "123",
        psid,
        text: `message ${i}`,
        status: "received" as const,
        timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000),
      });
      await client.messengerMessage.createMany({ data: Array.from({ length: 2_000 }, (_, i) => message(i)) });
      await client.messengerConversation.create({ data: { integrationId, psid, messagesCount: 2_000 } });
      const stored = await client.messengerMessage.findFirstOrThrow({ where: { mid: "m_seed_0" } });
      await client.messengerAttachment.create({
        data: {
          integrationId,
          messageId: stored.id,
          type: "image",
          status: "stored",
          data: Buffer.from("bytes of an image"),
        },
      });

      // The app keeps storing messages while the backup runs, each with its counter, in one transaction.
      let written = 0;
      let isWriting = true;
      const writer = (async () => {
        while (isWriting) {
          await client.$transaction([
            client.messengerMessage.create({ data: message(10_000 + written) }),
            client.messengerConversation.update({
              where: { integrationId_psid: { integrationId, psid } },
              data: { messagesCount: { increment: 1 } },
            }),
          ]);
          written += 1;
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = written;
      const backup = await runScript("scripts/db-backup.ts", [backupFile()], appDataRoot);
      const after = written;
      isWriting = false;
      await writer;
      expect(backup.code, backup.stderr).toBe(0);
      const report = JSON.parse(backup.stdout.trim());
      expect(report).toMatchObject({ format: "org-integrations/pglite-backup", version: 1, file: backupFile() });
      expect((await stat(backupFile())).mode & 0o777).toBe(0o600);
      expect(after).toBeGreaterThan(before); // the app kept working around the backup
      console.info(
        `[db-backup] ${(report.bytes / 1e6).toFixed(1)} MB, app paused ${report.paused_ms} ms, backup took ${report.total_ms} ms; ${after - before} writes went on meanwhile`,
      );
      // Nothing of the temporary copy stays next to the backup.
      expect(await readdir(workDir)).toEqual(expect.arrayContaining(["backup.tar.gz", "app-data"]));
      expect(
        (await readdir(workDir)).filter((name) => name.startsWith(".db-backup-") || name.endsWith(".partial")),
      ).toEqual([]);
    } finally {
      await client.$disconnect();
    }
  }, 120_000);

  it("restores into an empty folder: the same integrations and messages, secrets decrypting with the same key", async () => {
    const restored = path.join(workDir, "restored");
    const result = await runScript("scripts/db-restore.ts", [backupFile()], restored);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({
      data_dir: restored,
      format: "org-integrations/pglite-backup",
    });

    const database = await openEmbeddedDatabase(restored);
    const client = clientFor(database.url);
    try {
      const integration = await client.integration.findUniqueOrThrow({ where: { id: seeded.integrationId } });
      expect(integration).toMatchObject({ orgId: seeded.orgId, name: "Page to keep", config: { page_id: "123" } });
      expect(openSecret(integration, "accessToken")).toBe(seeded.accessToken);
      expect(openSecret(integration, "apiSecret")).toBe(seeded.appSecret);
      const count = await client.messengerMessage.count({ where: { integrationId: seeded.integrationId } });
      expect(count).toBeGreaterThan(2_000);
      // Every write is in the copy whole or not at all: the counter matches the messages exactly.
      const conversation = await client.messengerConversation.findUniqueOrThrow({
        where: { integrationId_psid: { integrationId: seeded.integrationId, psid: seeded.psid } },
      });
      expect(conversation.messagesCount).toBe(count);
      const attachment = await client.messengerAttachment.findFirstOrThrow({
        where: { integrationId: seeded.integrationId },
      });
      expect(Buffer.from(attachment.data!).toString()).toBe("bytes of an image");
    } finally {
      await client.$disconnect();
      await database.close();
    }
  }, 120_000);

  it("refuses a folder that is not empty, and anything that is not a db:backup archive", async () => {
    const occupied = path.join(workDir, "restored");
    const refused = await runScript("scripts/db-restore.ts", [backupFile()], occupied);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is not empty");

    const bogus = path.join(workDir, "bogus.tar.gz");
    await writeFile(bogus, "not a backup");
    const fresh = path.join(workDir, "fresh");
    const notBackup = await runScript("scripts/db-restore.ts", [bogus], fresh);
    expect(notBackup.code).toBe(1);
    expect(await readdir(fresh)).toEqual([]); // left empty for another try
  }, 60_000);

  it("backs up with the app stopped too (the command opens the folder itself)", async () => {
    await stopApp();
    const second = path.join(workDir, "second.tar.gz");
    const backup = await runScript("scripts/db-backup.ts", [second], appDataRoot);
    expect(backup.code, backup.stderr).toBe(0);
    const restored = path.join(workDir, "restored-offline");
    expect((await runScript("scripts/db-restore.ts", [second], restored)).code).toBe(0);
  }, 120_000);
});
