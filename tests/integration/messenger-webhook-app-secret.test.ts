// FACEBOOK_APP_SECRET: the server-wide Meta App Secret, used for integrations that have no api_secret of their own.
import { describe, expect, it, vi } from "vitest";
import {
  createFacebookIntegration,
  messageEvent,
  newPsid,
  payloadFor,
  postWebhook,
} from "../helpers/fake-meta-webhook";
import { integrationApi } from "../helpers/integration-api";
import { storedMessages } from "../helpers/messenger-rows";
import { withOrg } from "../helpers/org-with-fake-graph";
import type { TestOrg } from "../helpers/seed";

const SERVER_APP_SECRET = "server-wide-meta-app-secret";
// Stubbed before the first serverEnv() read of this file's module graph, and undone so no other file sees it.
vi.stubEnv("FACEBOOK_APP_SECRET", SERVER_APP_SECRET);

let org: TestOrg;
withOrg((created) => (org = created));

describe("webhook signatures with FACEBOOK_APP_SECRET", () => {
  it("verifies with the server's App Secret when the integration has none", async () => {
    const fb = await createFacebookIntegration(org);
    const body = payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "signed by the app" })]);
    expect((await postWebhook(org.orgId, body)).status).toBe(401);
    expect((await postWebhook(org.orgId, body, { secret: "some-other-secret" })).status).toBe(401);
    expect((await postWebhook(org.orgId, body, { secret: SERVER_APP_SECRET })).status).toBe(200);
    const rows = await storedMessages(fb.id);
    expect(rows.map((row) => [row.text, row.isVerified])).toEqual([["signed by the app", true]]);
  });

  it("prefers the integration's own api_secret over the server's", async () => {
    const fb = await createFacebookIntegration(org, { appSecret: "integration-own-secret" });
    const body = payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "own app" })]);
    expect((await postWebhook(org.orgId, body, { secret: SERVER_APP_SECRET })).status).toBe(401);
    expect((await postWebhook(org.orgId, body, { secret: "integration-own-secret" })).status).toBe(200);
  });

  it("tells the detail where the App Secret comes from, never the secret itself", async () => {
    const detail = integrationApi(org.keys.admin).integration;
    const [serverWide, own] = [
      await createFacebookIntegration(org),
      await createFacebookIntegration(org, { appSecret: "integration-own-secret" }),
    ];
    expect((await detail(serverWide.id)).messenger).toMatchObject({ app_secret_source: "server" });
    expect((await detail(own.id)).messenger).toMatchObject({ app_secret_source: "integration" });
    expect(JSON.stringify(await detail(serverWide.id))).not.toContain(SERVER_APP_SECRET);
  });
});
