// The migration's backfill of conversation rows (for data stored before the rows existed) agrees with the rows the
// webhook path maintains.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { echoEvent, messageEvent, newPsid, postbackEvent } from "../helpers/fake-meta-webhook";
import { maintainedConversationRows, omit, type ConversationRow } from "../helpers/messenger-rows";
import { withInboxPages } from "../helpers/inbox-pages";

const { page, deliver } = withInboxPages();

describe("the migration's backfill", () => {
  // The statements the migration ran for data stored before conversation rows existed, run again here on copies of
  // this integration's messages (temporary tables shadow the real ones inside one transaction) and compared with
  // the rows the webhook path maintained for the same messages.
  const migration = readFileSync(
    path.resolve("prisma/migrations/20261125170046_messenger_as_meta_behaves/migration.sql"),
    "utf8",
  );
  const backfill = migration
    .slice(migration.indexOf("-- Backfill:"))
    .split(/;\s*$/m)
    .filter((statement) => /\b(INSERT|UPDATE)\b/.test(statement));

  it("builds the same rows as the maintained path", async () => {
    expect(backfill).toHaveLength(2);
    const fb = await page();
    const [ann, ben, cat] = [newPsid(), newPsid(), newPsid()];
    const t = Date.UTC(2026, 10, 7, 9, 0, 0);
    const long = "😀".repeat(130); // longer than the preview, in characters JavaScript counts twice
    await deliver(fb, [
      messageEvent(fb.pageId, ann, { text: "hello", timestamp: t }),
      echoEvent(fb.pageId, ann, { text: "page reply", timestamp: t + 5 }),
      messageEvent(fb.pageId, ben, {
        attachments: [{ type: "image", payload: { url: "https://cdn.example.test/x.png" } }],
        timestamp: t + 1,
      }),
      postbackEvent(fb.pageId, cat, "START", t + 2),
      messageEvent(fb.pageId, cat, { text: long, timestamp: t + 3 }),
    ]);
    await deliver(fb, [
      messageEvent(fb.pageId, ann, { text: "late", timestamp: t - 10 }),
      messageEvent(fb.pageId, ben, { text: "same instant", timestamp: t + 1 }),
    ]);

    const rebuilt = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE messenger_messages (LIKE public.messenger_messages INCLUDING ALL) ON COMMIT DROP`,
      );
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE messenger_conversations (LIKE public.messenger_conversations INCLUDING ALL) ON COMMIT DROP`,
      );
      await tx.$executeRaw`INSERT INTO pg_temp.messenger_messages SELECT * FROM public.messenger_messages WHERE integration_id = ${fb.id}::uuid`;
      for (const statement of backfill) await tx.$executeRawUnsafe(statement);
      return tx.$queryRaw<(ConversationRow & { unread_count: number })[]>`
        SELECT psid, last_message_id, last_message_at, last_message_preview, last_message_direction::text, messages_count, last_inbound_at, unread_count
        FROM pg_temp.messenger_conversations ORDER BY psid`;
    });
    const maintained = await maintainedConversationRows(fb.id);
    expect(rebuilt).toHaveLength(3);
    expect(rebuilt.map((row) => omit(row, "unread_count"))).toEqual(maintained.map((row) => omit(row, "unread_count")));
    expect(maintained.find((row) => row.psid === cat)!.last_message_preview).toBe("😀".repeat(120));
    // Conversations that existed before the migration start read.
    expect(rebuilt.every((row) => row.unread_count === 0)).toBe(true);
  });
});
