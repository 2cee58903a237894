// People in the inbox: a new person's name and picture are fetched once from Meta's User Profile API by a background
// job (a real runner here), the picture is re-hosted and served by this app, refusals leave the name null, and the
// profile is asked again at most daily.
import type { Runner } from "graphile-worker";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import * as attachmentRoute from "@/app/organization-integration/[integration_id]/attachments/[attachment_id]/route";
import * as conversationsRoute from "@/app/organization-integration/[integration_id]/conversations/route";
import { db } from "@/lib/db/prisma";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { downloadAttachmentJob } from "@/lib/messenger/attachments/download-attachment-job";
import { fetchProfileJob, profileJobKey } from "@/lib/messenger/people/fetch-profile-job";
import { bearer, callRoute } from "../helpers/call-route";
import { ONE_PIXEL_PNG } from "../helpers/fake-graph-profiles";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import {
  echoEvent,
  messageEvent,
  newPsid,
  payloadFor,
  postWebhook,
  type FacebookFixture,
} from "../helpers/fake-meta-webhook";
import { connectedPage } from "../helpers/messenger-replies";
import { withOrgAndFakeGraph } from "../helpers/org-with-fake-graph";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
let graph: FakeGraphServer;
let runner: Runner | undefined;

withOrgAndFakeGraph(
  (setup) => ({ org, graph } = setup),
  async () => {
    await runner?.stop();
  },
);
// The queue is shared with every test file of the run, whose jobs often call hosts that never answer (no network
// here): more workers and a short provider timeout keep those from holding up this file's jobs.
vi.stubEnv("PROVIDER_TIMEOUT_MS", "2000");
const startRunner = async () => {
  runner ??= await startJobRunner({ databaseUrl: inject("databaseUrl"), pollIntervalMs: 100, concurrency: 10 });
};

const deliver = async (fb: FacebookFixture, events: Record<string, unknown>[]) =>
  expect((await postWebhook(org.orgId, payloadFor(fb.pageId, events), { secret: fb.appSecret })).status).toBe(200);
const conversationOf = async (fb: FacebookFixture, psid: string) => {
  const { json } = await callRoute(conversationsRoute.GET, {
    path: `/organization-integration/${fb.id}/conversations`,
    params: { integration_id: fb.id },
    headers: bearer(org.keys.viewer),
  });
  return json.conversations.find((conversation: { psid: string }) => conversation.psid === psid);
};
const rowOf = (fb: FacebookFixture, psid: string) =>
  db().messengerConversation.findUniqueOrThrow({ where: { integrationId_psid: { integrationId: fb.id, psid } } });
const pendingProfileJobs = async (fb: FacebookFixture, psid: string) =>
  (
    await db().$queryRaw<
      { count: number }[]
    >`SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE key = ${profileJobKey(fb.id, psid)}`
  )[0].count;

async function waitFor<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("profiles of new people (with a job runner)", () => {
  afterAll(async () => {
    await runner?.stop();
    runner = undefined;
  });

  it(
    "fetches a new person's name and picture link once, and asks again only after a day",
    { timeout: 90_000 },
    async () => {
      const fb = await connectedPage(org, graph);
      const psid = newPsid();
      graph.addProfile(psid, {
        first_name: "Ana",
        last_name: "Lima",
        picture: { bytes: ONE_PIXEL_PNG, contentType: "image/png" },
      });
      // Several deliveries before any job ran: one pending job for the person.
      await deliver(fb, [messageEvent(fb.pageId, psid, { text: "hi" })]);
      await deliver(fb, [
        messageEvent(fb.pageId, psid, { text: "anyone?" }),
        echoEvent(fb.pageId, psid, { text: "yes" }),
      ]);
      expect(await pendingProfileJobs(fb, psid)).toBe(1);
      expect(await conversationOf(fb, psid)).toMatchObject({ name: null, avatar_url: null });

      await startRunner();
      const named = await waitFor(
        () => conversationOf(fb, psid),
        (c) => c.name !== null,
      );
      expect(named.name).toBe("Ana Lima");
      // The picture is re-hosted by the attachments' download job (see the next test for the bytes).
      const avatar = await db().messengerAttachment.findFirstOrThrow({
        where: { integrationId: fb.id, psid, type: "avatar" },
        omit: { data: true },
      });
      expect(avatar.sourceUrl).toMatch(new RegExp(`/lookaside/profilepic/${psid}\\?`));
      expect((await rowOf(fb, psid)).avatarAttachmentId).toBe(avatar.id);
      expect(graph.profileCalls(psid)).toBe(1);
      const profileRequest = graph.requests.find((request) => request.path === `/v21.0/${psid}`)!;
      expect(profileRequest.query.get("fields")).toBe("first_name,last_name,profile_pic");
      expect(profileRequest.headers.authorization).toBe(`Bearer ${fb.accessToken}`);

      // More messages the same day: nothing asked.
      await deliver(fb, [messageEvent(fb.pageId, psid, { text: "still me" })]);
      expect(await pendingProfileJobs(fb, psid)).toBe(0);

      // A day later, the next message refreshes it; without a picture now, the old one goes.
      graph.addProfile(psid, { first_name: "Ana", last_name: "Lima-Costa", picture: null });
      await db().messengerConversation.update({
        where: { integrationId_psid: { integrationId: fb.id, psid } },
        data: { profileFetchedAt: new Date(Date.now() - 25 * 3600_000) },
      });
      await deliver(fb, [messageEvent(fb.pageId, psid, { text: "new day" })]);
      const refreshed = await waitFor(
        () => conversationOf(fb, psid),
        (c) => c.name === "Ana Lima-Costa",
      );
      expect(refreshed.avatar_url).toBeNull();
      expect(graph.profileCalls(psid)).toBe(2);
      expect(await db().messengerAttachment.count({ where: { integrationId: fb.id, psid, type: "avatar" } })).toBe(0);
    },
  );

  it(
    "keeps the name and picture null when Meta refuses the profile, and does not ask again that day",
    { timeout: 90_000 },
    async () => {
      const fb = await connectedPage(org, graph);
      const psid = newPsid();
      graph.refuseProfile(psid, "no_profile");
      await startRunner();
      await deliver(fb, [messageEvent(fb.pageId, psid, { text: "private person" })]);
      const row = await waitFor(
        () => rowOf(fb, psid),
        (r) => r.profileFetchedAt !== null,
      );
      expect(row).toMatchObject({ name: null, avatarAttachmentId: null });
      expect(await conversationOf(fb, psid)).toMatchObject({ name: null, avatar_url: null });
      await deliver(fb, [messageEvent(fb.pageId, psid, { text: "again" })]);
      expect(await pendingProfileJobs(fb, psid)).toBe(0);
      expect(graph.profileCalls(psid)).toBe(1);
      // A refusal is expected, not a failure: nothing in the delivery log.
      expect(await db().messengerWebhookLog.count({ where: { integrationId: fb.id, outcome: "job_failed" } })).toBe(0);
    },
  );
});

describe("the profile job's run (called directly)", () => {
  // Jobs run directly here: the queue is shared with every test file of the run, and other files' jobs often wait on
  // hosts that never answer (no network here), which would make timings of a runner meaningless.
  it("re-hosts the picture through the download job and serves it after Meta's link expired", async () => {
    const fb = await connectedPage(org, graph);
    const psid = newPsid();
    await db().messengerConversation.create({ data: { integrationId: fb.id, psid, lastMessageAt: new Date() } });
    graph.addProfile(psid, { first_name: "Bo", picture: { bytes: ONE_PIXEL_PNG, contentType: "image/png" } });
    await fetchProfileJob.run({ integrationId: fb.id, psid });
    const avatar = await db().messengerAttachment.findFirstOrThrow({
      where: { integrationId: fb.id, psid, type: "avatar" },
      omit: { data: true },
    });
    expect(avatar).toMatchObject({
      messageId: null,
      sourceUrl: expect.stringContaining(`/lookaside/profilepic/${psid}?`),
    });
    // The download job was queued with the row; run here (a runner of another test file may have done it already).
    await downloadAttachmentJob.run({ attachmentId: avatar.id });
    const conversation = await conversationOf(fb, psid);
    expect(conversation.avatar_url).toBe(`/organization-integration/${fb.id}/attachments/${avatar.id}`);
    graph.expirePictures();
    const served = await callRoute(attachmentRoute.GET, {
      path: conversation.avatar_url,
      params: { integration_id: fb.id, attachment_id: avatar.id },
      headers: bearer(org.keys.viewer),
    });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toMatch(/^image\/png/);
    expect(graph.pictureCalls(psid)).toBeGreaterThanOrEqual(1);
    // Another organization learns nothing.
    const stranger = await callRoute(attachmentRoute.GET, {
      path: conversation.avatar_url,
      params: { integration_id: fb.id, attachment_id: avatar.id },
      headers: bearer((await createTestOrg()).keys.owner),
    });
    expect(stranger.status).toBe(404);
  });

  it("shows no avatar while the picture is not kept yet", async () => {
    const fb = await connectedPage(org, graph);
    const psid = newPsid();
    const pending = await db().messengerAttachment.create({
      data: {
        integrationId: fb.id,
        psid,
        type: "avatar",
        status: "pending",
        sourceUrl: "https://lookaside.example.test/p.jpg",
      },
    });
    await db().messengerConversation.create({
      data: { integrationId: fb.id, psid, lastMessageAt: new Date(), name: "Cy", avatarAttachmentId: pending.id },
    });
    expect(await conversationOf(fb, psid)).toMatchObject({ name: "Cy", avatar_url: null });
  });

  it("throws on Meta's temporary errors so the engine retries, and logs when it gives up", async () => {
    const fb = await connectedPage(org, graph);
    const psid = newPsid();
    await db().messengerConversation.create({ data: { integrationId: fb.id, psid, lastMessageAt: new Date() } });
    graph.addProfile(psid, { first_name: "Rui" });
    graph.refuseProfile(psid, "rate_limited");
    await expect(fetchProfileJob.run({ integrationId: fb.id, psid })).rejects.toThrow(
      /Application request limit reached/,
    );
    expect((await rowOf(fb, psid)).profileFetchedAt).toBeNull();

    graph.refuseProfile(psid, null);
    await fetchProfileJob.run({ integrationId: fb.id, psid });
    expect(await rowOf(fb, psid)).toMatchObject({ name: "Rui", avatarAttachmentId: null });
    // A second job for the same person the same day does not call Meta.
    await fetchProfileJob.run({ integrationId: fb.id, psid });
    expect(graph.profileCalls(psid)).toBe(2);

    const other = newPsid();
    await db().messengerConversation.create({ data: { integrationId: fb.id, psid: other, lastMessageAt: new Date() } });
    await fetchProfileJob.onGiveUp!(
      { integrationId: fb.id, psid: other },
      new Error("Facebook: (#4) Application request limit reached (code 4)"),
    );
    const [entry] = await db().messengerWebhookLog.findMany({ where: { integrationId: fb.id, outcome: "job_failed" } });
    expect(entry.detail).toBe(
      `The name and picture of Facebook user …${other.slice(-4)} could not be fetched from Facebook: Facebook: (#4) Application request limit reached (code 4)`,
    );
    expect((await rowOf(fb, other)).profileFetchedAt).not.toBeNull();
  });

  it("does nothing with an invalid token (190) or an inactive integration", async () => {
    const fb = await connectedPage(org, graph);
    const psid = newPsid();
    await db().messengerConversation.create({ data: { integrationId: fb.id, psid, lastMessageAt: new Date() } });
    graph.addProfile(psid, { first_name: "Eva" });
    graph.expireToken(fb.accessToken);
    await fetchProfileJob.run({ integrationId: fb.id, psid });
    expect((await rowOf(fb, psid)).profileFetchedAt).toBeNull();
    await db().integration.update({ where: { id: fb.id }, data: { isActive: false } });
    await fetchProfileJob.run({ integrationId: fb.id, psid });
    expect(graph.profileCalls(psid)).toBe(1);
  });
});
