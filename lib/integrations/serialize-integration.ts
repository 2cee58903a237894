// The only way an integration leaves the server: allow-listed fields, snake_case, secrets masked.
import type { Integration } from "@/lib/generated/prisma/client";
import { toMessengerWebhookStatus } from "@/lib/messenger/webhook-status";
import { toPageSubscriptionStatus } from "@/lib/messenger/page-subscription";
import { providerOf } from "@/lib/providers/registry";
import { refreshLeaseMs } from "@/lib/token-refresh/refresh-claim";
import { tokenStateOf, type TokenStateColumns } from "@/lib/token-refresh/token-state";
import { serverEnv } from "@/lib/config/server-env";
import { SECRET_MASK } from "@/lib/validations/integration";
import type { TIntegrationDetail, TIntegrationListItem } from "@/lib/validations/integration-response";
import { openSecretForDisplay } from "./integration-secrets";

const mask = (stored: string | null) => (stored ? SECRET_MASK : null);
const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The columns a list item needs: a 1,000-row list reads and maps only these (see docs/performance.md). */
export const INTEGRATION_LIST_COLUMNS = {
  id: true,
  orgId: true,
  integrationType: true,
  name: true,
  isActive: true,
  apiBaseUrl: true,
  webhookUrl: true,
  createdAt: true,
  updatedAt: true,
  needsReauth: true,
  tokenExpiresAt: true,
  refreshStartedAt: true,
} as const;

/** `status.token_state`: expiring within the provider's refresh lead time (the sweep's TOKEN_REFRESH_LEAD_MS). */
function tokenStateFor(row: TokenStateColumns & Pick<Integration, "integrationType">) {
  const expiringWithinMs = providerOf(row.integrationType).tokenRefreshLeadMs ?? serverEnv().TOKEN_REFRESH_LEAD_MS;
  return tokenStateOf(row, { now: new Date(), expiringWithinMs, refreshLeaseMs: refreshLeaseMs() });
}

/** A timestamp as a Date, or already in Date#toISOString() form (the list has PostgreSQL format them: docs/performance.md). */
type Timestamp = Date | string;
const isoOf = (value: Timestamp) => (typeof value === "string" ? value : value.toISOString());
type ListRow = Omit<Pick<Integration, keyof typeof INTEGRATION_LIST_COLUMNS>, "createdAt" | "updatedAt"> & {
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

// Typed by the response schemas (lib/validations/integration-response.ts): a field added here and not there, or the
// other way round, fails the type check.
export function toIntegrationListItem(row: ListRow): TIntegrationListItem {
  return {
    id: row.id,
    org_id: row.orgId,
    integration_type: row.integrationType,
    name: row.name,
    is_active: row.isActive,
    api_base_url: row.apiBaseUrl,
    webhook_url: row.webhookUrl,
    created_at: isoOf(row.createdAt),
    updated_at: isoOf(row.updatedAt),
    // Enough for the list to show "Reconnect" or "Token expiring" without opening each integration.
    status: { needs_reauth: row.needsReauth, token_state: tokenStateFor(row) },
  };
}

export function toIntegrationDetail(row: Integration): TIntegrationDetail {
  return {
    ...toIntegrationListItem(row),
    // Not a provider credential: our own token, which the admin must paste into Meta's dashboard to finish setup.
    webhook_verify_token: openSecretForDisplay(row, "webhookVerifyToken"),
    // Stored encrypted, shown in clear: the guide's detail returns it (an App ID or consumer key, not a password).
    api_key: openSecretForDisplay(row, "apiKey"),
    api_secret: mask(row.apiSecret),
    access_token: mask(row.accessToken),
    refresh_token: mask(row.refreshToken),
    token_expires_at: iso(row.tokenExpiresAt),
    config: (row.config ?? {}) as Record<string, unknown>,
    status: {
      needs_reauth: row.needsReauth,
      token_state: tokenStateFor(row),
      last_refreshed_at: iso(row.lastRefreshedAt),
      last_checked_at: iso(row.lastCheckedAt),
      last_check_ok: row.lastCheckOk,
      last_check_error: row.lastCheckError,
    },
    // Webhook health of a Messenger integration (null for other types): when Meta last reached us, whether events
    // were stored without a signature check (accept_unsigned_events), and where its App Secret comes from.
    messenger: providerOf(row.integrationType).hasMessengerInbox
      ? { ...toMessengerWebhookStatus(row), subscription: toPageSubscriptionStatus(row) }
      : null,
  };
}
