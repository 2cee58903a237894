// Facebook: the Page token is good when GET /me?fields=id,name answers the configured Page. Then the health of the
// whole Messenger connection: what Meta says about the token (debug_token: valid, type PAGE, expiry, the scopes the
// inbox needs, when the App ID and App Secret are known), whether the Page is subscribed to the app's webhook
// (GET /{page-id}/subscribed_apps), and when Meta last reached the webhook. Each problem is one sentence.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Integration } from "@/lib/generated/prisma/client";
import { openSecretForDisplay } from "@/lib/integrations/integration-secrets";
import { callGraphApi, GraphApiError } from "@/lib/messenger/graph-api";
import { findOurSubscription, listSubscribedApps, toPageSubscriptionStatus } from "@/lib/messenger/page-subscription";
import { recordObservedSubscription } from "@/lib/messenger/sync-page-subscription";
import { appCredentialsOf, inspectPageToken, tokenProblems, type TokenHealth } from "@/lib/messenger/token-health";
import { notConfigured, type ConnectionCheck } from "@/lib/connections/connection-check";

const ZPage = z.object({ id: z.string(), name: z.string().optional() });

type Section = {
  details: Record<string, unknown> | null;
  problems: string[];
  isTokenInvalid?: boolean;
  expiresAt?: Date | null;
};

export const checkFacebook: ConnectionCheck = async (integration) => {
  if (!integration.accessToken) return notConfigured("The Page access token");
  let page: z.infer<typeof ZPage>;
  try {
    const answer = ZPage.safeParse(await callGraphApi(integration, "/me?fields=id,name"));
    if (!answer.success) return { ok: false, error: "Facebook: unexpected answer to GET /me" };
    page = answer.data;
  } catch (error) {
    if (error instanceof GraphApiError) return { ok: false, error: error.message, needsReauth: error.isInvalidToken };
    throw error;
  }
  // A token of another Page would "work" here, yet webhooks for the configured Page would never match it.
  const configuredPageId = (integration.config as { page_id?: string } | null)?.page_id;
  if (configuredPageId && configuredPageId !== page.id) {
    return {
      ok: false,
      error: `The access token belongs to Page ${page.id}, not to the configured page_id ${configuredPageId}`,
    };
  }

  const [token, subscription] = await Promise.all([checkToken(integration), checkSubscription(integration, page.id)]);
  const details = {
    id: page.id,
    name: page.name ?? null,
    token: token.details,
    subscription: subscription.details,
    last_event_at: integration.lastEventAt ? integration.lastEventAt.toISOString() : null,
  };
  const problems = [...token.problems, ...subscription.problems];
  // The token answered /me, so it works; only debug_token saying otherwise marks it as needing a new one.
  // Meta's expiry (none for a Page token from a long-lived user token) drives the 7-day warning and the renewal.
  const changes = {
    needsReauth: Boolean(token.isTokenInvalid),
    ...(token.expiresAt === undefined ? {} : { tokenExpiresAt: token.expiresAt }),
  };
  if (problems.length === 0) return { ok: true, details, changes };
  return { ok: false, error: problems.join(" "), details, needsReauth: token.isTokenInvalid, changes };
};

async function checkToken(integration: Integration): Promise<Section> {
  let credentials: ReturnType<typeof appCredentialsOf>;
  try {
    credentials = appCredentialsOf(integration);
  } catch (error) {
    if (error instanceof AppError)
      return { details: { checked: false, reason: error.message }, problems: [`${error.message}.`] };
    throw error;
  }
  if (!credentials) {
    return {
      details: {
        checked: false,
        reason: "Set the App ID (api_key) and App Secret to check the token's validity, expiry and permissions",
      },
      problems: [],
    };
  }
  let health: TokenHealth;
  try {
    health = await inspectPageToken(integration, credentials);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // A refusal here is about the App ID / App Secret (the app token), not about the Page token.
    const reason = `Meta refused to inspect the token with this App ID and App Secret: ${error.message}`;
    return { details: { checked: false, reason }, problems: [`${reason}.`] };
  }
  const expiresAt = health.expires_at ? new Date(health.expires_at) : null;
  return {
    details: { checked: true, ...health },
    problems: tokenProblems(health),
    isTokenInvalid: !health.is_valid,
    expiresAt: health.is_valid ? expiresAt : undefined,
  };
}

async function checkSubscription(integration: Integration, pageId: string): Promise<Section> {
  const appId = openSecretForDisplay(integration, "apiKey");
  try {
    const found = findOurSubscription(await listSubscribedApps(integration, pageId), appId);
    await recordObservedSubscription(integration, { isSubscribed: found.isSubscribed, pageId });
    const details = {
      is_subscribed: found.isSubscribed,
      app_id: appId,
      fields: found.fields,
      missing_fields: found.missingFields,
    };
    // An inactive integration is expected to be unsubscribed (deactivating unsubscribes it).
    if (!integration.isActive) return { details, problems: [] };
    const app = appId ? `app ${appId}` : "this app";
    if (!found.isSubscribed) {
      return {
        details,
        problems: [
          `Page ${pageId} is not subscribed to ${app}'s webhook, so Meta delivers none of its messages: use “Subscribe again”.`,
        ],
      };
    }
    if (found.missingFields.length > 0) {
      return {
        details,
        problems: [`Page ${pageId} is subscribed without ${found.missingFields.join(", ")}: use “Subscribe again”.`],
      };
    }
    return { details, problems: [] };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const reason = `Could not read the Page's webhook subscriptions: ${error.message}`;
    return {
      details: { is_subscribed: null, error: reason, status: toPageSubscriptionStatus(integration).status },
      problems: [`${reason}.`],
    };
  }
}
