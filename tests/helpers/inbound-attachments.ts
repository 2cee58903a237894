// The set-up the inbound attachment tests share: two orgs, a fake Meta CDN and a real job runner (the downloads are
// background jobs), plus deliveries of attachment links and reads of what became of them.
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, expect, inject } from "vitest";
import * as attachmentRoute from "@/app/organization-integration/[integration_id]/attachments/[attachment_id]/route";
import { db } from "@/lib/db/prisma";
import type { TMessengerAttachment } from "@/lib/validations/messenger-response";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { TEST_ORIGIN } from "./call-route";
import { startFakeMetaCdn, type FakeMetaCdn } from "./fake-meta-cdn";
import { deliverEvents, messageEvent, newPsid, signedPage, type FacebookFixture } from "./fake-meta-webhook";
import { inboxApi } from "./inbox-api";
import { waitFor } from "./messenger-replies";
import { createTestOrg, type TestOrg } from "./seed";

export const MB = 1024 * 1024;

/** An attachment as GET …/messages answers it (the API's own schema). */
export type AttachmentJson = TMessengerAttachment;

export type AttachmentSetup = { org: TestOrg; otherOrg: TestOrg; cdn: FakeMetaCdn };

export const settled = (attachments: AttachmentJson[]) =>
  attachments.every((attachment) => attachment.status !== "pending");

/** The attachment route as Next mounts it, read as bytes (callRoute reads text). */
export async function getAttachment(integrationId: string, attachmentId: string, headers: Record<string, string> = {}) {
  const request = new Request(`${TEST_ORIGIN}/organization-integration/${integrationId}/attachments/${attachmentId}`, {
    headers,
  });
  const response = await attachmentRoute.GET(request, {
    params: Promise.resolve({ integration_id: integrationId, attachment_id: attachmentId }),
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

export async function waitForCdnRequest(cdn: FakeMetaCdn, url: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!cdn.requestsFor(url).length) {
    if (Date.now() > deadline) throw new Error("the CDN was never asked for the file");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const jobFailures = (integrationId: string) =>
  db().messengerWebhookLog.findMany({
    where: { integrationId, outcome: "job_failed" },
    orderBy: { receivedAt: "asc" },
  });

/** Registers the file's beforeAll/afterAll; `ready` receives the orgs and the CDN once they exist. */
export function withAttachmentSetup(ready: (setup: AttachmentSetup) => void) {
  let setup: AttachmentSetup;
  let runner: Runner | undefined;
  beforeAll(async () => {
    const [org, otherOrg, cdn] = await Promise.all([createTestOrg(), createTestOrg(), startFakeMetaCdn()]);
    setup = { org, otherOrg, cdn };
    ready(setup);
    runner = await startJobRunner({ databaseUrl: inject("databaseUrl"), pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await runner?.stop();
    await setup?.cdn.close();
  });

  const page = (owner?: TestOrg) => signedPage(owner ?? setup.org);

  /** One signed message carrying these attachments, and how long the webhook took to answer. */
  async function deliver(fb: FacebookFixture, attachments: unknown[], psid = newPsid()) {
    const event = messageEvent(fb.pageId, psid, { attachments });
    const started = performance.now();
    const response = await deliverEvents(setup.org, fb, [event]);
    return { response, elapsedMs: performance.now() - started, mid: event.message.mid, psid };
  }

  async function messageAttachments(fb: FacebookFixture, mid: string): Promise<AttachmentJson[]> {
    const { status, json } = await inboxApi(setup.org.keys.viewer).messages(fb.id);
    expect(status).toBe(200);
    return json.messages.find((message: { mid: string }) => message.mid === mid).attachments;
  }

  const waitForAttachments = (
    fb: FacebookFixture,
    mid: string,
    isDone: (attachments: AttachmentJson[]) => boolean,
    timeoutMs = 20_000,
  ) => waitFor(() => messageAttachments(fb, mid), isDone, timeoutMs);

  return { page, deliver, messageAttachments, waitForAttachments };
}
