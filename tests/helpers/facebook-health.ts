// Pages for the "Test connection" tests of Messenger integrations: each Page's token belongs to its own Meta app
// (known to the fake Graph server's debug_token), and what Meta's side says about them.
import { randomInt, randomUUID } from "node:crypto";
import { SUBSCRIBED_FIELDS } from "@/lib/messenger/subscribed-fields";
import { db } from "@/lib/db/prisma";
import type { FakeGraphServer } from "./fake-graph-server";
import { createFacebookIntegration, newAccessToken, newPageId } from "./fake-meta-webhook";
import { integrationApi } from "./integration-api";
import { withOrgAndFakeGraph, type OrgWithFakeGraph } from "./org-with-fake-graph";
import type { TestOrg } from "./seed";

type HealthPage = { id: string; pageId: string; token: string; appId: string; appSecret: string };

/**
 * A Page whose token belongs to its own Meta app. Created inactive and then switched on in the database: no
 * background subscription runs, so each test decides what Meta's side looks like.
 */
async function healthPage(
  org: TestOrg,
  graph: FakeGraphServer,
  options: { withAppId?: boolean; withAppSecret?: boolean; isActive?: boolean } = {},
): Promise<HealthPage> {
  const pageId = newPageId();
  const token = newAccessToken();
  const appId = String(randomInt(100_000_000, 999_999_999)) + String(randomInt(100_000, 999_999));
  const appSecret = `app-secret-${randomUUID()}`;
  graph.addPage(token, { id: pageId, name: "Acme Support" });
  graph.setTokenInfo(token, { appId });
  graph.addApp(appId, appSecret, "Acme Inbox");
  const { id } = await createFacebookIntegration(org, {
    pageId,
    accessToken: token,
    apiBaseUrl: graph.apiBaseUrl,
    isActive: false,
    appId: options.withAppId === false ? undefined : appId,
    appSecret: options.withAppSecret === false ? undefined : appSecret,
  });
  if (options.isActive !== false) await db().integration.update({ where: { id }, data: { isActive: true } });
  return { id, pageId, token, appId, appSecret };
}

/** The Page is subscribed to every field the app needs, by its own app. */
export const subscribeAll = (graph: FakeGraphServer, fb: HealthPage) =>
  graph.subscribePage(fb.pageId, [...SUBSCRIBED_FIELDS], fb.appId);

export const debugTokenCalls = (graph: FakeGraphServer, token: string) =>
  graph.requests.filter(
    (request) => request.path === "/v21.0/debug_token" && request.query.get("input_token") === token,
  );

/** withOrgAndFakeGraph, plus `page` (a HealthPage of the org), and Test connection and the detail as its admin. */
export function withHealthPages(ready: (setup: OrgWithFakeGraph) => void) {
  let setup: OrgWithFakeGraph;
  withOrgAndFakeGraph((created) => {
    setup = created;
    ready(created);
  });
  const admin = () => integrationApi(setup.org.keys.admin);
  return {
    page: (options?: Parameters<typeof healthPage>[2]) => healthPage(setup.org, setup.graph, options),
    testConnection: (id: string) => admin().testConnection(id),
    detail: (id: string) => admin().integration(id),
  };
}
