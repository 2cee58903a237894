// Step 3 for Facebook: the person picks one of the Pages their sign-in manages. The long-lived user token stays in
// the (sealed) state row; only Page ids and names reach the browser. Picking stores that Page's token — long-lived,
// since it comes from a long-lived user token — and the Page id; the create/reconnect path subscribes the Page.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { ZUuid } from "@/lib/validations/integration";
import type { TFacebookPageChoices, TFacebookPageConnected } from "@/lib/validations/oauth-response";
import { connectIntegration } from "./connect-integration";
import { listManagedPages } from "./exchange-code";
import { OAuthFlowError } from "./oauth-flow-error";
import { checkState, consumeOAuthState, peekOAuthState } from "./oauth-state-store";
import { oauthApp, type OAuthApp } from "./oauth-settings";

export const ZFacebookPagesQuery = z.strictObject({ org_id: ZUuid, pick: z.string().min(1).max(2048) });
export const ZConnectFacebookPage = ZFacebookPagesQuery.extend({
  page_id: z.string().regex(/^\d{1,30}$/, "must be a numeric Page ID"),
});

function facebookApp(): OAuthApp {
  const app = oauthApp("facebook");
  if (!app) throw new OAuthFlowError("not_configured");
  return app;
}

function openPick(actor: Actor, input: z.infer<typeof ZFacebookPagesQuery>) {
  if (actor.kind !== "user") throw new OAuthFlowError("wrong_user");
  const claims = checkState(input.pick, { userId: actor.userId, stage: "pick_page", orgId: input.org_id });
  try {
    assertOrgPermission(actor, claims.org, "write");
  } catch (error) {
    if (error instanceof AppError) throw new OAuthFlowError("forbidden");
    throw error;
  }
  return claims;
}

/** The Pages to choose from (ids and names only), and the Page a Reconnect must keep, if any. */
export async function listFacebookPagesForPick(options: {
  actor: Actor;
  input: z.infer<typeof ZFacebookPagesQuery>;
}): Promise<TFacebookPageChoices> {
  const claims = openPick(options.actor, options.input);
  const opened = await peekOAuthState(claims);
  const pages = await listManagedPages(facebookApp(), opened.secret);
  return {
    pages: pages.map(({ id, name }) => ({ id, name })),
    required_page_id: await requiredPageId(claims.iid),
    is_reconnect: claims.iid !== null,
  };
}

/** A Reconnect renews the token of the Page the integration already serves; it cannot move it to another Page. */
async function requiredPageId(integrationId: string | null): Promise<string | null> {
  if (!integrationId) return null;
  const integration = await db().integration.findUnique({ where: { id: integrationId }, select: { config: true } });
  const pageId = (integration?.config as { page_id?: unknown } | null)?.page_id;
  return typeof pageId === "string" ? pageId : null;
}

export async function connectFacebookPage(options: {
  actor: Actor;
  input: z.infer<typeof ZConnectFacebookPage>;
}): Promise<TFacebookPageConnected> {
  const { actor, input } = options;
  const claims = openPick(actor, input);
  const app = facebookApp();
  const pages = await listManagedPages(app, (await peekOAuthState(claims)).secret);
  const page = pages.find((candidate) => candidate.id === input.page_id);
  if (!page) throw new OAuthFlowError("no_pages");
  const required = await requiredPageId(claims.iid);
  if (required && required !== page.id) throw new OAuthFlowError("wrong_page");
  // Used once: a second click (or a replay) finds the state consumed.
  const opened = await consumeOAuthState(claims);
  const { integrationId, isReconnect } = await connectIntegration({
    actor,
    claims,
    app,
    name: opened.name ?? page.name.slice(0, 200),
    credentials: {
      apiBaseUrl: app.apiBaseUrl,
      apiKey: app.clientId,
      apiSecret: app.clientSecret,
      accessToken: page.access_token,
      refreshToken: null,
      tokenExpiresAt: null,
      config: { page_id: page.id, page_name: page.name.slice(0, 200) },
    },
  });
  return {
    integration_id: integrationId,
    path: `/orgs/${claims.org}/integrations/${integrationId}?${isReconnect ? "reconnected=1" : "created=1"}`,
  };
}
