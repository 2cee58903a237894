// The webhook health of a Facebook integration, as its detail shows it: when Meta last reached us, whether events
// were stored without a signature check, and where the App Secret that checks signatures comes from.
import { serverEnv } from "@/lib/config/server-env";
import type { Integration } from "@/lib/generated/prisma/client";

export type AppSecretSource = "integration" | "server" | null;

/** Never the secret itself: only whether the integration or the server (FACEBOOK_APP_SECRET) provides one. */
export function appSecretSourceOf(row: Pick<Integration, "apiSecret">): AppSecretSource {
  if (row.apiSecret) return "integration";
  return serverEnv().FACEBOOK_APP_SECRET ? "server" : null;
}

export function toMessengerWebhookStatus(row: Pick<Integration, "apiSecret" | "lastEventAt" | "hasUnverifiedEvents">) {
  return {
    last_event_at: row.lastEventAt ? row.lastEventAt.toISOString() : null,
    has_unverified_events: row.hasUnverifiedEvents,
    app_secret_source: appSecretSourceOf(row),
  };
}
