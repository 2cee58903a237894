// The set-up the Page subscription tests share: an org, the fake Graph server and a job runner for the subscription
// job only, Pages created through the API, and reads of the subscription as the integration shows it.
import type { Runner } from "graphile-worker";
import { inject } from "vitest";
import * as subscribeRoute from "@/app/organization-integration/[integration_id]/subscribe/route";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { pageSubscriptionJob } from "@/lib/messenger/jobs/page-subscription-job";
import { bearer, callRoute } from "./call-route";
import { createFacebookIntegration, newAccessToken, newPageId } from "./fake-meta-webhook";
import { integrationApi } from "./integration-api";
import { waitFor } from "./messenger-replies";
import { withOrgAndFakeGraph, type OrgWithFakeGraph } from "./org-with-fake-graph";

/** Registers the file's set-up; the functions it returns act as the org's admin on its Pages. */
export function withPageSubscriptions(ready: (setup: OrgWithFakeGraph) => void) {
  let setup: OrgWithFakeGraph;
  let runner: Runner | undefined;
  withOrgAndFakeGraph(
    async (created) => {
      setup = created;
      ready(created);
      // Only this job: the runner must not take other files' jobs (downloads, profiles…) off the shared queue.
      runner = await startJobRunner({
        databaseUrl: inject("databaseUrl"),
        definitions: { "messenger.page-subscription": pageSubscriptionJob },
        pollIntervalMs: 100,
      });
    },
    async () => {
      await runner?.stop();
    },
  );
  const admin = () => integrationApi(setup.org.keys.admin);

  /** A Facebook integration on the fake Graph server (its token registered there), active unless told. */
  async function createPage(options: { isActive?: boolean; token?: string; pageId?: string } = {}) {
    const pageId = options.pageId ?? newPageId();
    const token = options.token ?? newAccessToken();
    setup.graph.addPage(token, { id: pageId, name: `Page ${pageId}` });
    const fb = await createFacebookIntegration(setup.org, {
      pageId,
      accessToken: token,
      apiBaseUrl: setup.graph.apiBaseUrl,
      isActive: options.isActive ?? true,
    });
    return { id: fb.id, pageId, token, created: fb.created };
  }

  const subscriptionOf = async (id: string) => (await admin().integration(id)).messenger.subscription;
  const waitForStatus = (id: string, status: string, timeoutMs = 15_000) =>
    waitFor(
      () => subscriptionOf(id),
      (subscription) => subscription.status === status,
      timeoutMs,
    );
  const toggle = (id: string, active: boolean) => admin().toggle({ id, active });
  const subscribeAgain = (id: string, key = setup.org.keys.admin) =>
    callRoute(subscribeRoute.POST, {
      method: "POST",
      path: `/organization-integration/${id}/subscribe`,
      params: { integration_id: id },
      headers: bearer(key),
    });
  const subscriptionCalls = (pageId: string, method?: string) =>
    setup.graph.requests.filter(
      (request) => request.path === `/v21.0/${pageId}/subscribed_apps` && (!method || request.method === method),
    );
  return { admin, createPage, subscriptionOf, waitForStatus, toggle, subscribeAgain, subscriptionCalls };
}
