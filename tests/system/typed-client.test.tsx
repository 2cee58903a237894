// @vitest-environment happy-dom
// The typed client (clients/typescript) against the production server: the guide's functions, typed errors, the
// inbox's live events, and the guide's React IntegrationsManager rewritten on it, rendered in happy-dom and clicked.
// The client talks to the server with Node's own fetch (undici), not happy-dom's.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { Headers as NodeHeaders, Request as NodeRequest, Response as NodeResponse, fetch as nodeFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IntegrationsManager } from "@/clients/typescript/examples/integrations-manager";
import { createIntegrationsClient, type IntegrationsClient } from "@/clients/typescript/src/index";
import { openApiDocument } from "@/lib/api/openapi";
import { embeddedUrlOf } from "@/lib/db/tooling/embedded";
import type { AppServer } from "../../bench/support/app-server";
import { deliveryBody, personMessage, postDelivery } from "./support/meta-delivery";
import { embeddedDatabaseEnv, startProductionApp } from "./support/production-app";
import { seedOrg, type SeededOrg } from "./support/seed-org";

// happy-dom's fetch enforces CORS as if this file were a page: the server's helpers and the client use Node's fetch,
// with Node's own Request (openapi-fetch builds one) and Response.
Object.assign(globalThis, { fetch: nodeFetch, Request: NodeRequest, Response: NodeResponse, Headers: NodeHeaders });
// React's act() warns unless it is told it runs in a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const encryptionKey = randomBytes(32).toString("base64");
let dataDir: string;
let app: AppServer;
let org: SeededOrg;
let client: IntegrationsClient;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "oi-system-client-"));
  app = await startProductionApp(
    { encryptionKey, authSecret: randomBytes(32).toString("base64url") },
    embeddedDatabaseEnv(dataDir),
  );
  org = await seedOrg(await embeddedUrlOf(dataDir), { encryptionKey, withFacebook: true });
  client = createIntegrationsClient({
    baseUrl: app.url,
    apiKey: org.apiKey,
    fetch: nodeFetch as unknown as typeof fetch,
  });
});

afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Creates an integration in the seeded organization through the typed client. */
const createInOrg = (fields: Omit<Parameters<IntegrationsClient["createIntegration"]>[0], "org_id">) =>
  client.createIntegration({ org_id: org.orgId, ...fields });

const waitFor = async (condition: () => boolean, what: string) => {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++)
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

describe("the typed client against the production server", () => {
  it("is generated from the document the server serves", async () => {
    const served = (await (await nodeFetch(`${app.url}/openapi.json`)).json()) as ReturnType<typeof openApiDocument>;
    const generatedFrom = openApiDocument("http://localhost:3000");
    expect(served.paths).toEqual(generatedFrom.paths);
    expect(served.components).toEqual(generatedFrom.components);
  });

  it("runs the guide's functions, secrets masked, and answers errors as { status, error }", async () => {
    const created = await createInOrg({ integration_type: "hubspot", name: "CRM", access_token: "pat-na1-secret" });
    expect(created.error).toBeUndefined();
    const integration = created.data!.integration;
    expect(integration.access_token).toBe("••••••");
    expect(integration.status.needs_reauth).toBe(false);

    const listed = await client.getIntegrations(org.orgId);
    expect(listed.data!.integrations.map((item) => item.id)).toContain(integration.id);
    expect((await client.getIntegrations(org.orgId, true)).data!.integrations.map((item) => item.id)).not.toContain(
      integration.id,
    );

    expect((await client.updateIntegration({ id: integration.id, name: "CRM (EU)" })).data!.integration.name).toBe(
      "CRM (EU)",
    );
    expect((await client.toggleIntegration(integration.id, true)).data!.message).toBe(
      "Integration activated successfully",
    );
    expect((await client.getIntegrationDetails(integration.id)).data!.integration).toMatchObject({
      name: "CRM (EU)",
      is_active: true,
    });
    expect((await client.deleteIntegration(integration.id)).data).toEqual({
      message: "Integration deleted successfully",
    });

    expect(await client.getIntegrationDetails(integration.id)).toEqual({
      error: { status: 404, error: "Integration not found" },
    });
    const incomplete = await createInOrg({ integration_type: "hubspot", name: "" });
    expect(incomplete).toEqual({ error: { status: 400, error: "org_id, integration_type, and name are required" } });
    const anonymous = createIntegrationsClient({ baseUrl: app.url, fetch: nodeFetch as unknown as typeof fetch });
    expect((await anonymous.getIntegrations(org.orgId)).error?.status).toBe(401);
    const unreachable = createIntegrationsClient({
      baseUrl: "http://127.0.0.1:9",
      apiKey: org.apiKey,
      fetch: nodeFetch as unknown as typeof fetch,
    });
    expect((await unreachable.getIntegrations(org.orgId)).error?.status).toBe(0);
  });

  it("reads the inbox: conversations, messages, and its live events as they arrive", async () => {
    const facebook = org.facebook!;
    expect((await client.getConversations(facebook.id)).data).toEqual({ conversations: [], next_before: null });
    const abort = new AbortController();
    const events = client.inboxEvents(facebook.id, { signal: abort.signal });
    const firstEvent = events.next();
    // The stream starts from "now": let it open before the message exists.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const mid = `m_client_${randomUUID()}`;
    const message = personMessage(facebook.pageId, "7000000003", { mid, text: "hello from Messenger" });
    const posted = await postDelivery(app.url, org.orgId, facebook.appSecret, deliveryBody(facebook.pageId, [message]));
    expect(posted.status).toBe(200);

    const { value: event } = await firstEvent;
    expect(event).toMatchObject({
      event: "message",
      data: { mid, text: "hello from Messenger", direction: "inbound" },
    });
    expect(event!.id).toMatch(/^\d+-\d+$/);
    abort.abort();
    await events.return(undefined).catch(() => undefined);

    const messages = await client.getMessages(facebook.id, { psid: "7000000003" });
    expect(messages.data!.messages.map((message) => message.mid)).toEqual([mid]);
    const conversations = await client.getConversations(facebook.id);
    expect(conversations.data!.conversations[0]).toMatchObject({ psid: "7000000003", unread_count: 1, name: null });
  });

  it("drives the guide's IntegrationsManager example: lists, activates and deletes through the API", async () => {
    const created = await createInOrg({
      integration_type: "other",
      name: "Manager demo",
      webhook_url: "https://example.com/hook",
    });
    const id = created.data!.integration.id;
    const container = document.createElement("div");
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => root.render(<IntegrationsManager client={client} orgId={org.orgId} />));
    const item = () => container.querySelector(`[data-id="${id}"]`);
    await waitFor(() => item() !== null, "the integration in the list");
    expect(item()!.textContent).toContain("Webhook URL: https://example.com/hook");
    expect(item()!.querySelector(".status")!.textContent).toBe("Inactive");

    await act(async () => (item()!.querySelector(".toggle-btn") as HTMLButtonElement).click());
    await waitFor(() => item()?.querySelector(".status")?.textContent === "Active", "the integration shown active");
    expect((await client.getIntegrationDetails(id)).data!.integration.is_active).toBe(true);

    window.confirm = () => true;
    await act(async () => (item()!.querySelector(".delete-btn") as HTMLButtonElement).click());
    await waitFor(() => item() === null, "the integration gone from the list");
    expect((await client.getIntegrationDetails(id)).error?.status).toBe(404);
    await act(async () => root.unmount());
  });
});
