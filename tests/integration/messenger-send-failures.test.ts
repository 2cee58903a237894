// What each of Meta's refusals does to a reply (stored before the call): failed with Meta's code and a sentence,
// retried by the job runner after Retry-After, given up after 5 attempts, or blocked until a new token is saved.
import { describe, expect, it } from "vitest";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { integrationApi } from "../helpers/integration-api";
import { failedJobLogRows } from "../helpers/messenger-rows";
import { personWrites, replyRow, retryReply, sendCalls, waitFor, withReplies } from "../helpers/messenger-replies";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
let graph: FakeGraphServer;
const { page, send } = withReplies((setup) => ({ org, graph } = setup));
const needsReauth = async (id: string) => (await integrationApi(org.keys.admin).integration(id)).status.needs_reauth;

describe("the outbound lifecycle", () => {
  it("551: failed with Meta's code and a sentence, kept in the thread, never retried on its own", async () => {
    const fb = await page();
    const psid = await personWrites(org, fb);
    graph.unavailableRecipients.add(psid);
    const { status, json } = await send(fb.id, { recipient_id: psid, text: "Are you there?" });
    expect(status).toBe(201);
    expect(json.message).toMatch(/^The message could not be sent: This person isn't available/);
    expect(json.sent).toMatchObject({
      status: "failed",
      error_code: 551,
      error_subcode: 1545041,
      error_message: expect.stringContaining("not retried"),
      message_id: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // a retry would have run by now
    expect(sendCalls(graph, fb.accessToken)).toHaveLength(1);
    expect(await replyRow(json.sent.id)).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("613: pending with a retry the job makes after Retry-After, then sent", async () => {
    const fb = await page();
    const psid = await personWrites(org, fb);
    graph.failSends(psid, { code: 613, retryAfter: "3" });
    const { status, json } = await send(fb.id, { recipient_id: psid, text: "Busy Page" });
    expect(status).toBe(201);
    expect(json.message).toMatch(/retried automatically/);
    expect(json.sent).toMatchObject({
      status: "pending",
      error_code: 613,
      error_message: expect.stringMatching(/rate-limiting.*Retrying at/),
    });
    const sent = await waitFor(
      () => replyRow(json.sent.id),
      (reply) => reply.status === "sent",
    );
    expect(sent).toMatchObject({
      attempts: 2,
      errorCode: null,
      errorMessage: null,
      mid: graph.sentMessages(fb.accessToken)[0].messageId,
    });
    const [first, second] = sendCalls(graph, fb.accessToken).map((request) => request.receivedAt);
    expect(second - first).toBeGreaterThanOrEqual(2_900);
  });

  it("a temporary failure that never ends is given up after 5 attempts and shows in the delivery log", async () => {
    const fb = await page();
    const psid = await personWrites(org, fb);
    graph.failSends(psid, { code: 2 }, 5);
    const { json } = await send(fb.id, { recipient_id: psid, text: "Meta is down" });
    const { sendMessageJob } = await import("@/lib/messenger/jobs/send-message-job");
    // The job's own runs, without waiting out the backoff (2 s, 8 s, 32 s, 2 min).
    for (const attempt of [2, 3, 4, 5]) await sendMessageJob.run({ messageId: json.sent.id, attempt });
    expect(await replyRow(json.sent.id)).toMatchObject({
      status: "failed",
      attempts: 5,
      errorCode: 2,
      errorMessage: expect.stringMatching(/^Gave up after 5 attempts/),
    });
    const log = await failedJobLogRows(fb.id);
    expect(log.map((entry) => entry.detail)).toEqual([
      expect.stringMatching(new RegExp(`^A reply to person …${psid.slice(-4)} could not be sent: Gave up`)),
    ]);
  });

  it("190: failed, the integration needs a new token, sends are blocked with a 409 until it is saved; then Retry sends it", async () => {
    const fb = await page();
    const psid = await personWrites(org, fb);
    graph.expireToken(fb.accessToken);
    const { json } = await send(fb.id, { recipient_id: psid, text: "Token?" });
    expect(json.sent).toMatchObject({
      status: "failed",
      error_code: 190,
      error_subcode: 463,
      error_message: expect.stringContaining("paste a new Page token"),
    });
    expect(await needsReauth(fb.id)).toBe(true);
    const blocked = await send(fb.id, { recipient_id: psid, text: "Again" });
    expect(blocked).toMatchObject({
      status: 409,
      json: { error: expect.stringContaining("Page access token no longer works") },
    });
    expect(await retryReply(fb.id, json.sent.id, org.keys.admin)).toMatchObject({
      status: 409,
      json: { error: expect.stringContaining("Page access token") },
    });
    expect(sendCalls(graph, fb.accessToken)).toHaveLength(1);

    const newToken = `${fb.accessToken}-renewed`;
    graph.addPage(newToken, { id: fb.pageId, name: "Renewed" });
    await integrationApi(org.keys.admin).update({ id: fb.id, access_token: newToken });
    const retried = await retryReply(fb.id, json.sent.id, org.keys.admin);
    expect(retried).toMatchObject({
      status: 201,
      json: {
        message: "Message sent successfully",
        sent: { id: json.sent.id, status: "sent", attempts: 2, error_code: null },
      },
    });
    expect(graph.sentMessages(newToken)).toEqual([expect.objectContaining({ recipient: psid, text: "Token?" })]);
  });

  it("200/230 and Meta's own window refusal fail with their sentence", async () => {
    const fb = await page();
    const [a, b, c] = [await personWrites(org, fb), await personWrites(org, fb), await personWrites(org, fb)];
    graph.failSends(a, { code: 200 });
    graph.failSends(b, { code: 230 });
    graph.outsideWindowRecipients.add(c);
    for (const [psid, code] of [
      [a, 200],
      [b, 230],
    ] as const) {
      expect((await send(fb.id, { recipient_id: psid, text: "Perms" })).json.sent).toMatchObject({
        status: "failed",
        error_code: code,
        error_message: expect.stringContaining("lacks a permission"),
      });
    }
    expect((await send(fb.id, { recipient_id: c, text: "Window" })).json.sent).toMatchObject({
      status: "failed",
      error_code: 10,
      error_subcode: 2018278,
      error_message: expect.stringContaining("24-hour messaging window is closed"),
    });
    expect(await needsReauth(fb.id)).toBe(false);
  });
});
