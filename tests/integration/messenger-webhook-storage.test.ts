// Storing webhook deliveries: redelivered and concurrent batches stored once, receipts that arrive before their
// messages, a 1000-event batch, and a database failure mid-batch (503, nothing stored, all stored on redelivery).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import {
  deliverEvents,
  deliveryEvent,
  echoEvent,
  messageEvent,
  newMid,
  newPsid,
  payloadFor,
  postWebhook,
  readEvent,
  signedPage,
} from "../helpers/fake-meta-webhook";
import { integrationApi } from "../helpers/integration-api";
import { storedMessages, webhookLogRows } from "../helpers/messenger-rows";
import type { TestOrg } from "../helpers/seed";
import { withWebhookOrg } from "../helpers/webhook-org";

let org: TestOrg;
withWebhookOrg((created) => (org = created));
const detail = (id: string) => integrationApi(org.keys.admin).integration(id);

describe("POST /webhook (storage)", () => {
  it("stores a redelivered batch once, whatever the order of the events", async () => {
    const fb = await signedPage(org);
    const psid = newPsid();
    const events = Array.from({ length: 5 }, (_, i) =>
      messageEvent(fb.pageId, psid, { text: `n${i}`, timestamp: 1_760_000_000_000 + i }),
    );
    for (const batch of [events, [...events].reverse(), [events[2], events[0]], events]) {
      expect((await deliverEvents(org, fb, batch)).status).toBe(200);
    }
    // The same mid twice inside one batch, too.
    expect((await deliverEvents(org, fb, [events[1], events[1]])).status).toBe(200);
    const rows = await storedMessages(fb.id);
    expect(rows.map((row) => row.text)).toEqual(["n0", "n1", "n2", "n3", "n4"]);
    expect((await webhookLogRows(fb.id)).map((entry) => entry.storedCount)).toEqual([0, 0, 0, 0, 5]);
  });

  it("stores concurrent redeliveries of the same batch once, without deadlock", async () => {
    const fb = await signedPage(org);
    const psids = [newPsid(), newPsid(), newPsid()];
    const events = psids.flatMap((psid, i) => [
      messageEvent(fb.pageId, psid, { text: `q${i}` }),
      echoEvent(fb.pageId, psid, { text: `a${i}` }),
      deliveryEvent(fb.pageId, psid, Date.now() + 5000),
    ]);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => deliverEvents(org, fb, i % 2 ? [...events].reverse() : events)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(200));
    const rows = await storedMessages(fb.id);
    expect(rows).toHaveLength(6);
    expect(rows.filter((row) => row.direction === "outbound").map((row) => row.status)).toEqual([
      "delivered",
      "delivered",
      "delivered",
    ]);
    expect((await webhookLogRows(fb.id)).reduce((sum, entry) => sum + entry.storedCount, 0)).toBe(6);
  });

  it("applies delivery and read receipts that arrive before the messages they cover, and never goes back", async () => {
    const fb = await signedPage(org);
    const psid = newPsid();
    const t = 1_770_000_000_000;
    const [first, second, third] = [newMid(), newMid(), newMid()];
    // Receipts first: delivered up to t+2 (with mids), read up to t+1.
    await deliverEvents(org, fb, [
      deliveryEvent(fb.pageId, psid, t + 2, [first, second]),
      readEvent(fb.pageId, psid, t + 1),
    ]);
    // Then the echoes of what the Page sent, in reverse order, the last one after the watermarks.
    await deliverEvents(org, fb, [
      echoEvent(fb.pageId, psid, { mid: third, timestamp: t + 3 }),
      echoEvent(fb.pageId, psid, { mid: second, timestamp: t + 2 }),
      echoEvent(fb.pageId, psid, { mid: first, timestamp: t + 1 }),
    ]);
    const statusOf = async () => Object.fromEntries((await storedMessages(fb.id)).map((row) => [row.mid, row.status]));
    expect(await statusOf()).toEqual({ [first]: "read", [second]: "delivered", [third]: "sent" });
    // An old delivery receipt arriving late changes nothing; a newer read marks everything read.
    await deliverEvents(org, fb, [deliveryEvent(fb.pageId, psid, t)]);
    expect(await statusOf()).toEqual({ [first]: "read", [second]: "delivered", [third]: "sent" });
    await deliverEvents(org, fb, [readEvent(fb.pageId, psid, t + 10)]);
    expect(await statusOf()).toEqual({ [first]: "read", [second]: "read", [third]: "read" });
    const rows = await storedMessages(fb.id);
    expect(
      rows.every((row) => row.direction === "outbound" && row.senderId === fb.pageId && row.recipientId === psid),
    ).toBe(true);
  });

  it("handles a 1000-event batch in one request with batched writes", async () => {
    const fb = await signedPage(org);
    const t = 1_780_000_000_000;
    const psidOf = (i: number) => `7${String(i % 47).padStart(15, "0")}`;
    const events = Array.from({ length: 1000 }, (_, i) => {
      if (i % 10 === 9) return deliveryEvent(fb.pageId, psidOf(i), t + i);
      return i % 3 === 0
        ? echoEvent(fb.pageId, psidOf(i), { timestamp: t + i })
        : messageEvent(fb.pageId, psidOf(i), { text: `#${i}`, timestamp: t + i });
    });
    // What the receipts must do: an echo is delivered when a delivery watermark of its person covers it.
    const watermarks = new Map<string, number>();
    events.forEach(
      (_, i) => i % 10 === 9 && watermarks.set(psidOf(i), Math.max(watermarks.get(psidOf(i)) ?? 0, t + i)),
    );
    const expectedDelivered = events.filter(
      (_, i) => i % 10 !== 9 && i % 3 === 0 && (watermarks.get(psidOf(i)) ?? 0) >= t + i,
    ).length;

    const started = performance.now();
    const response = await deliverEvents(org, fb, events);
    const elapsed = performance.now() - started;
    console.info(`1000-event webhook batch stored in ${elapsed.toFixed(0)} ms`);
    expect(response.status).toBe(200);
    expect(await db().messengerMessage.count({ where: { integrationId: fb.id } })).toBe(900);
    expect(expectedDelivered).toBeGreaterThan(100);
    expect(await db().messengerMessage.count({ where: { integrationId: fb.id, status: "delivered" } })).toBe(
      expectedDelivered,
    );
    expect((await webhookLogRows(fb.id))[0]).toMatchObject({ eventsCount: 1000, storedCount: 900 });
  });

  it("answers 503 and stores nothing when the database fails mid-batch, then stores all on redelivery", async () => {
    const fb = await signedPage(org);
    const marker = newPsid();
    const suffix = randomBytes(4).toString("hex");
    await db().$executeRawUnsafe(
      `CREATE FUNCTION fail_on_marker_${suffix}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`,
    );
    await db().$executeRawUnsafe(
      `CREATE TRIGGER fail_on_marker_${suffix} BEFORE INSERT ON messenger_messages FOR EACH ROW WHEN (NEW.sender_id = '${marker}') EXECUTE FUNCTION fail_on_marker_${suffix}()`,
    );
    const payload = payloadFor(fb.pageId, [
      ...Array.from({ length: 10 }, () => messageEvent(fb.pageId, newPsid(), { text: "fine" })),
      messageEvent(fb.pageId, marker, { text: "boom" }),
    ]);
    try {
      const response = await postWebhook(org.orgId, payload, { secret: fb.appSecret });
      expect(response.status).toBe(503);
      expect(response.json).toEqual({ error: "The webhook events could not be stored; please retry" });
      expect(await storedMessages(fb.id)).toHaveLength(0);
      expect((await webhookLogRows(fb.id)).map((entry) => entry.outcome)).toEqual(["failed"]);
      expect((await detail(fb.id)).messenger.last_event_at).toBeNull();
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER fail_on_marker_${suffix} ON messenger_messages`);
      await db().$executeRawUnsafe(`DROP FUNCTION fail_on_marker_${suffix}()`);
    }
    expect((await postWebhook(org.orgId, payload, { secret: fb.appSecret })).status).toBe(200);
    expect(await storedMessages(fb.id)).toHaveLength(11);
  });
});
