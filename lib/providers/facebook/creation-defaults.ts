// What the server fills in so an admin only types what only they know (the guide's "everything else is
// auto-generated"): the webhook URL, the verify token and the Graph API root.
import { randomBytes } from "node:crypto";
import { serverEnv } from "@/lib/config/server-env";
import type { CreationDefaults } from "../provider-server";

/** 32 random bytes as base64url: 43 URL-safe characters, safe to paste anywhere. */
export function generateVerifyToken(): string {
  return randomBytes(32).toString("base64url");
}

export function facebookWebhookUrl(orgId: string): string {
  return `${serverEnv().PUBLIC_BASE_URL}/webhook?org_id=${encodeURIComponent(orgId)}`;
}

export function facebookCreationDefaults(orgId: string): CreationDefaults {
  return {
    apiBaseUrl: serverEnv().defaultFacebookApiBaseUrl,
    webhookUrl: facebookWebhookUrl(orgId),
    webhookVerifyToken: generateVerifyToken(),
  };
}
