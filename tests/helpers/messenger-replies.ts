// Replies through the inbox API in tests: a connected Page on the fake Graph server, a person who wrote at a given
// time (so the 24-hour window is what the test says), and the POST …/messages (JSON or multipart) and retry calls.
import * as retryRoute from "@/app/organization-integration/[integration_id]/messages/[message_id]/retry/route";
import * as messagesRoute from "@/app/organization-integration/[integration_id]/messages/route";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute, type CallResult } from "./call-route";
import type { FakeGraphServer } from "./fake-graph-server";
import { deliverEvents, messageEvent, newPsid, signedPage, type FacebookFixture } from "./fake-meta-webhook";
import { inboxApi } from "./inbox-api";
import { withOrgGraphAndRunner, type OrgWithFakeGraph } from "./org-with-fake-graph";
import type { TestOrg } from "./seed";

export const HOUR = 60 * 60 * 1000;

export async function connectedPage(
  org: TestOrg,
  graph: FakeGraphServer,
  options: { isActive?: boolean } = {},
): Promise<FacebookFixture> {
  const fixture = await signedPage(org, { apiBaseUrl: graph.apiBaseUrl, isActive: options.isActive });
  graph.addPage(fixture.accessToken, { id: fixture.pageId, name: `Page ${fixture.pageId}` });
  return fixture;
}

/** A signed delivery of one message from the person, sent `ago` milliseconds before now. Returns the PSID. */
export async function personWrites(
  org: TestOrg,
  fb: FacebookFixture,
  options: { psid?: string; ago?: number; text?: string } = {},
): Promise<string> {
  const psid = options.psid ?? newPsid();
  const event = messageEvent(fb.pageId, psid, {
    text: options.text ?? "Hello?",
    timestamp: Date.now() - (options.ago ?? 60_000),
  });
  const response = await deliverEvents(org, fb, [event]);
  if (response.status !== 200) throw new Error(`webhook refused: ${response.status} ${response.text}`);
  return psid;
}

export const retryReply = (integrationId: string, messageId: string, key: string) =>
  callRoute(retryRoute.POST, {
    method: "POST",
    path: `/organization-integration/${integrationId}/messages/${messageId}/retry`,
    params: { integration_id: integrationId, message_id: messageId },
    headers: bearer(key),
  });

export type UploadFile = { name: string; type: string; bytes: Uint8Array };

/** multipart/form-data, as a browser's FormData sends it (the boundary is set by Request). */
export async function sendFileReply(
  integrationId: string,
  fields: Record<string, string>,
  files: UploadFile[],
  key: string,
): Promise<CallResult> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append("file", new Blob([file.bytes as BlobPart], { type: file.type }), file.name);
  return callRoute(messagesRoute.POST, {
    method: "POST",
    path: `/organization-integration/${integrationId}/messages`,
    params: { integration_id: integrationId },
    headers: bearer(key),
    form,
  });
}

export async function waitFor<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The Send API calls the fake Graph server received with this Page token. */
export const sendCalls = (graph: FakeGraphServer, token: string) =>
  graph.requests.filter(
    (r) => r.method === "POST" && r.path.endsWith("/messages") && r.headers.authorization === `Bearer ${token}`,
  );

export const replyRow = (id: string) => db().messengerMessage.findUniqueOrThrow({ where: { id } });

/**
 * The reply tests' set-up (an org, the fake Graph server and a real job runner: retries are jobs), plus `page` (a
 * connected Page) and `send` (a reply as the org's admin).
 */
export function withReplies(ready: (setup: OrgWithFakeGraph) => void) {
  let setup: OrgWithFakeGraph;
  withOrgGraphAndRunner((created) => {
    setup = created;
    ready(created);
  });
  return {
    page: () => connectedPage(setup.org, setup.graph),
    send: (id: string, body: unknown) => inboxApi(setup.org.keys.admin).send(id, body),
  };
}
