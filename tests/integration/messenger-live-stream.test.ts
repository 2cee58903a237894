// GET /organization-integration/{id}/events: the inbox as a Server-Sent Events stream. Changes recorded through
// lib/messenger/inbox-changes.ts (as the webhook and send paths do) reach an open stream; a reconnect with
// Last-Event-ID gets what it missed, in order; only those who may read the inbox can open it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as eventsRoute from "@/app/organization-integration/[integration_id]/events/route";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { Actor } from "@/lib/auth/actor";
import { generateApiKey } from "@/lib/auth/api-key-format";
import { serverEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { recordChangedConversations, recordNewMessages } from "@/lib/messenger/inbox-changes";
import { inboxEventHub } from "@/lib/messenger/live/inbox-event-hub";
import { bearer, callRoute, TEST_ORIGIN } from "../helpers/call-route";
import { createFacebookIntegration, newMid, newPsid, type FacebookFixture } from "../helpers/fake-meta-webhook";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
let facebook: FacebookFixture;
beforeAll(async () => {
  org = await createTestOrg();
  facebook = await createFacebookIntegration(org, {});
});
afterAll(() => inboxEventHub().stop());

const ownerActor = (): Actor => ({
  kind: "user",
  userId: org.userIds.owner,
  email: "owner@example.test",
  roles: new Map([[org.orgId, "owner"]]),
});

type SseEvent = { id?: string; event?: string; data?: string };

/** Opens the stream as a browser would and reads it event by event. */
async function openStream(options: { key?: string; lastEventId?: string } = {}) {
  const abort = new AbortController();
  const headers: Record<string, string> = { ...bearer(options.key ?? org.keys.viewer) };
  if (options.lastEventId) headers["last-event-id"] = options.lastEventId;
  const request = new Request(`${TEST_ORIGIN}/organization-integration/${facebook.id}/events`, {
    headers,
    signal: abort.signal,
  });
  const response = await eventsRoute.GET(request, { params: Promise.resolve({ integration_id: facebook.id }) });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const received: SseEvent[] = [];
  // One read in flight at a time: a read abandoned after a timeout would swallow the next chunk.
  let pendingRead: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  async function next(predicate: (event: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no such event within ${timeoutMs} ms; got ${JSON.stringify(received)}`);
      pendingRead ??= reader.read();
      const chunk = await Promise.race([
        pendingRead,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 200)),
      ]);
      if (!chunk) continue;
      pendingRead = null;
      if (chunk.done) continue;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = {};
        for (const line of block.split("\n")) {
          const [field, ...rest] = line.split(": ");
          if (field === "id" || field === "event" || field === "data") event[field] = rest.join(": ");
        }
        if (event.event || event.id) received.push(event);
      }
    }
  }
  return { response, next, received, close: () => abort.abort() };
}

/** Stores one inbound message the way the webhook does (row + inbox changes in one transaction). */
async function storeInbound(psid: string, text: string) {
  return db().$transaction(async (tx) => {
    const row = await tx.messengerMessage.create({
      data: {
        integrationId: facebook.id,
        mid: newMid(),
        direction: "inbound",
        kind: "message",
        senderId: psid,
        recipientId: facebook.pageId,
        psid,
        text,
        status: "received",
        timestamp: new Date(),
      },
    });
    await recordNewMessages(tx, facebook.id, [
      {
        id: row.id,
        psid,
        direction: "inbound",
        timestamp: row.timestamp,
        text,
        hasAttachments: false,
        isPersonActivity: true,
      },
    ]);
    return row;
  });
}

describe("the inbox live stream", () => {
  it("is text/event-stream and sends a stored message and its conversation", async () => {
    const stream = await openStream();
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
    const psid = newPsid();
    const row = await storeInbound(psid, "hello live");
    const message = await stream.next((event) => event.event === "message" && JSON.parse(event.data!).id === row.id);
    expect(JSON.parse(message.data!)).toMatchObject({ id: row.id, text: "hello live", direction: "inbound" });
    const conversation = await stream.next(
      (event) => event.event === "conversation" && JSON.parse(event.data!).psid === psid,
    );
    expect(JSON.parse(conversation.data!)).toMatchObject({ psid, messages_count: 1, unread_count: 1 });
    stream.close();
  });

  it("resumes after Last-Event-ID with what was missed, in order", async () => {
    const first = await openStream();
    const psid = newPsid();
    const seen = await storeInbound(psid, "before the drop");
    const seenEvent = await first.next((event) => event.event === "message" && JSON.parse(event.data!).id === seen.id);
    first.close();
    const missed = [await storeInbound(psid, "missed 1"), await storeInbound(psid, "missed 2")];
    await db().$transaction((tx) => recordChangedConversations(tx, facebook.id, [psid]));

    const second = await openStream({ lastEventId: seenEvent.id });
    await second.next((event) => event.event === "message" && JSON.parse(event.data!).id === missed[1].id);
    const messageIds = second.received
      .filter((event) => event.event === "message")
      .map((event) => JSON.parse(event.data!).id);
    expect(messageIds).toEqual(missed.map((row) => row.id));
    // "<transaction>-<event id>", increasing in that order.
    const cursors = second.received.map((event) => event.id!.split("-").map(BigInt));
    const isAfter = ([tx, id]: bigint[], [seenTx, seenId]: bigint[]) => tx > seenTx || (tx === seenTx && id > seenId);
    expect(cursors.every((cursor, index) => index === 0 || isAfter(cursor, cursors[index - 1]))).toBe(true);
    expect(cursors.every((cursor) => isAfter(cursor, seenEvent.id!.split("-").map(BigInt)))).toBe(true);
    second.close();
  });

  it("asks a client holding an id from before event transactions existed to reload", async () => {
    const stream = await openStream({ lastEventId: "12345" });
    expect((await stream.next((event) => event.event === "reset")).event).toBe("reset");
    stream.close();
  });

  // Replays the gap found when deliveries to one Page were first stored concurrently: event ids are handed out before
  // commit, so a transaction that wrote first but commits last has lower ids than events a stream already sent. Read by
  // id, those events were skipped for good (also on resume). PGlite runs one transaction at a time, so only PostgreSQL
  // can interleave them.
  if (inject("databaseKind") === "postgres") {
    it("sends an event committed after a later one, without skipping it", async () => {
      const stream = await openStream();
      const [early, late] = [newPsid(), newPsid()];
      // Conversation events render the row: both people have one.
      await db().messengerConversation.createMany({
        data: [early, late].map((psid) => ({ integrationId: facebook.id, psid })),
      });
      let commitEarly = () => {};
      const earlyMayCommit = new Promise<void>((resolve) => (commitEarly = resolve));
      let earlyWrote = () => {};
      const earlyHasWritten = new Promise<void>((resolve) => (earlyWrote = resolve));
      const earlyTransaction = db().$transaction(async (tx) => {
        await recordChangedConversations(tx, facebook.id, [early]);
        earlyWrote();
        await earlyMayCommit;
      });
      await earlyHasWritten;
      await db().$transaction((tx) => recordChangedConversations(tx, facebook.id, [late]));
      await new Promise((resolve) => setTimeout(resolve, 600)); // the stream has read what is committed so far
      commitEarly();
      await earlyTransaction;
      await stream
        .next((event) => event.event === "conversation" && JSON.parse(event.data!).psid === early, 5_000)
        .catch(() => null);
      const sent = stream.received
        .filter((event) => event.event === "conversation")
        .map((event) => JSON.parse(event.data!).psid);
      expect(sent).toEqual([early, late]);
      stream.close();
    });
  }

  // Replayed from a review: a stream opened before the key was revoked kept receiving the inbox.
  it("stops once its key is revoked (checked at every heartbeat)", async () => {
    const env = serverEnv();
    const previous = env.SSE_HEARTBEAT_MS;
    env.SSE_HEARTBEAT_MS = 200;
    try {
      const { key, displayPrefix, keyHash } = generateApiKey();
      const apiKey = await db().apiKey.create({
        data: { orgId: org.orgId, name: "stream", role: "viewer", prefix: displayPrefix, keyHash },
      });
      const stream = await openStream({ key });
      const before = await storeInbound(newPsid(), "still allowed");
      await stream.next((event) => event.event === "message" && JSON.parse(event.data!).id === before.id);
      await revokeApiKey({ actor: ownerActor(), id: apiKey.id });
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // past the key cache bound and a heartbeat
      const after = await storeInbound(newPsid(), "after revocation");
      await expect(
        stream.next((event) => event.event === "message" && JSON.parse(event.data!).id === after.id, 1_500),
      ).rejects.toThrow(/no such event/);
      stream.close();
    } finally {
      env.SSE_HEARTBEAT_MS = previous;
    }
  });

  it("is refused to callers who may not read the inbox", async () => {
    const stranger = await createTestOrg();
    const path = `/organization-integration/${facebook.id}/events`;
    const params = { integration_id: facebook.id };
    expect((await callRoute(eventsRoute.GET, { path, params })).status).toBe(401);
    expect((await callRoute(eventsRoute.GET, { path, params, headers: bearer(stranger.keys.owner) })).status).toBe(404);
    expect(
      (
        await callRoute(eventsRoute.GET, {
          path,
          params,
          headers: { ...bearer(org.keys.viewer), "last-event-id": "abc" },
        })
      ).status,
    ).toBe(400);
    const other = randomUUID();
    expect(
      (
        await callRoute(eventsRoute.GET, {
          path: `/organization-integration/${other}/events`,
          params: { integration_id: other },
          headers: bearer(org.keys.viewer),
        })
      ).status,
    ).toBe(404);
  });
});
