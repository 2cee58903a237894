// People in the inbox, the profile job run directly: the picture is re-hosted and served by this app (also after
// Meta's link expired), Meta's temporary errors are retried by the engine, and a dead token or an inactive integration
// stops it.
import { describe, expect, it } from "vitest";
import * as attachmentRoute from "@/app/organization-integration/[integration_id]/attachments/[attachment_id]/route";
import { db } from "@/lib/db/prisma";
import { downloadAttachmentJob } from "@/lib/messenger/attachments/download-attachment-job";
import { fetchProfileJob } from "@/lib/messenger/people/fetch-profile-job";
import { bearer, callRoute } from "../helpers/call-route";
import { ONE_PIXEL_PNG } from "../helpers/fake-graph-profiles";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { newPsid } from "../helpers/fake-meta-webhook";
import { conversationOf, conversationRow } from "../helpers/messenger-people";
import { failedJobLogRows } from "../helpers/messenger-rows";
import { withInboxPages } from "../helpers/inbox-pages";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
let graph: FakeGraphServer;
const { page } = withInboxPages((setup) => ({ org, graph } = setup));

describe("the profile job's run (called directly)", () => {
  // Jobs run directly here: the queue is shared with every test file of the run, and other files' jobs often wait on
  // hosts that never answer (no network here), which would make timings of a runner meaningless.
  it("re-hosts the picture through the download job and serves it after Meta's link expired", async () => {
    const fb = await page();
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
    const conversation = await conversationOf(org, fb, psid);
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
    const fb = await page();
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
    expect(await conversationOf(org, fb, psid)).toMatchObject({ name: "Cy", avatar_url: null });
  });

  it("throws on Meta's temporary errors so the engine retries, and logs when it gives up", async () => {
    const fb = await page();
    const psid = newPsid();
    await db().messengerConversation.create({ data: { integrationId: fb.id, psid, lastMessageAt: new Date() } });
    graph.addProfile(psid, { first_name: "Rui" });
    graph.refuseProfile(psid, "rate_limited");
    await expect(fetchProfileJob.run({ integrationId: fb.id, psid })).rejects.toThrow(
      /Application request limit reached/,
    );
    expect((await conversationRow(fb, psid)).profileFetchedAt).toBeNull();

    graph.refuseProfile(psid, null);
    await fetchProfileJob.run({ integrationId: fb.id, psid });
    expect(await conversationRow(fb, psid)).toMatchObject({ name: "Rui", avatarAttachmentId: null });
    // A second job for the same person the same day does not call Meta.
    await fetchProfileJob.run({ integrationId: fb.id, psid });
    expect(graph.profileCalls(psid)).toBe(2);

    const other = newPsid();
    await db().messengerConversation.create({ data: { integrationId: fb.id, psid: other, lastMessageAt: new Date() } });
    await fetchProfileJob.onGiveUp!(
      { integrationId: fb.id, psid: other },
      new Error("Facebook: (#4) Application request limit reached (code 4)"),
    );
    const [entry] = await failedJobLogRows(fb.id);
    expect(entry.detail).toBe(
      `The name and picture of Facebook user …${other.slice(-4)} could not be fetched from Facebook: Facebook: (#4) Application request limit reached (code 4)`,
    );
    expect((await conversationRow(fb, other)).profileFetchedAt).not.toBeNull();
  });

  it("does nothing with an invalid token (190) or an inactive integration", async () => {
    const fb = await page();
    const psid = newPsid();
    await db().messengerConversation.create({ data: { integrationId: fb.id, psid, lastMessageAt: new Date() } });
    graph.addProfile(psid, { first_name: "Eva" });
    graph.expireToken(fb.accessToken);
    await fetchProfileJob.run({ integrationId: fb.id, psid });
    expect((await conversationRow(fb, psid)).profileFetchedAt).toBeNull();
    await db().integration.update({ where: { id: fb.id }, data: { isActive: false } });
    await fetchProfileJob.run({ integrationId: fb.id, psid });
    expect(graph.profileCalls(psid)).toBe(1);
  });
});
