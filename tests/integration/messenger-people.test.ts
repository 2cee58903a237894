// People in the inbox: a new person's name and picture are fetched once from Meta's User Profile API by a background
// job (a real runner here), refusals leave the name null, and the profile is asked again at most daily.
import type { Runner } from "graphile-worker";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { ONE_PIXEL_PNG } from "../helpers/fake-graph-profiles";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { deliverAccepted, echoEvent, messageEvent, newPsid, type FacebookFixture } from "../helpers/fake-meta-webhook";
import { conversationOf, conversationRow, pendingProfileJobs } from "../helpers/messenger-people";
import { connectedPage, waitFor } from "../helpers/messenger-replies";
import { withOrgAndFakeGraph } from "../helpers/org-with-fake-graph";
import type { TestOrg } from "../helpers/seed";

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

const deliver = (fb: FacebookFixture, events: Record<string, unknown>[]) => deliverAccepted(org, fb, events);

// A job runner starts in each test, and the profile fetch waits for it: slower than the default timeout on a busy box.
describe("profiles of new people (with a job runner)", { timeout: 90_000 }, () => {
  afterAll(async () => {
    await runner?.stop();
    runner = undefined;
  });

  it("fetches a new person's name and picture link once, and asks again only after a day", async () => {
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
    expect(await conversationOf(org, fb, psid)).toMatchObject({ name: null, avatar_url: null });

    await startRunner();
    const named = await waitFor(
      () => conversationOf(org, fb, psid),
      (c) => c.name !== null,
      60_000,
    );
    expect(named.name).toBe("Ana Lima");
    // The picture is re-hosted by the attachments' download job (see the next test for the bytes).
    const avatar = await db().messengerAttachment.findFirstOrThrow({
      where: { integrationId: fb.id, psid, type: "avatar" },
      omit: { data: true },
    });
    expect(avatar.sourceUrl).toMatch(new RegExp(`/lookaside/profilepic/${psid}\\?`));
    expect((await conversationRow(fb, psid)).avatarAttachmentId).toBe(avatar.id);
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
      () => conversationOf(org, fb, psid),
      (c) => c.name === "Ana Lima-Costa",
      60_000,
    );
    expect(refreshed.avatar_url).toBeNull();
    expect(graph.profileCalls(psid)).toBe(2);
    expect(await db().messengerAttachment.count({ where: { integrationId: fb.id, psid, type: "avatar" } })).toBe(0);
  });

  it("keeps the name and picture null when Meta refuses the profile, and does not ask again that day", async () => {
    const fb = await connectedPage(org, graph);
    const psid = newPsid();
    graph.refuseProfile(psid, "no_profile");
    await startRunner();
    await deliver(fb, [messageEvent(fb.pageId, psid, { text: "private person" })]);
    const row = await waitFor(
      () => conversationRow(fb, psid),
      (r) => r.profileFetchedAt !== null,
      60_000,
    );
    expect(row).toMatchObject({ name: null, avatarAttachmentId: null });
    expect(await conversationOf(org, fb, psid)).toMatchObject({ name: null, avatar_url: null });
    await deliver(fb, [messageEvent(fb.pageId, psid, { text: "again" })]);
    expect(await pendingProfileJobs(fb, psid)).toBe(0);
    expect(graph.profileCalls(psid)).toBe(1);
    // A refusal is expected, not a failure: nothing in the delivery log.
    expect(await db().messengerWebhookLog.count({ where: { integrationId: fb.id, outcome: "job_failed" } })).toBe(0);
  });
});
