// What the server fills in so an admin only types what only they know (the guide's "everything else is
// auto-generated"): the webhook URL, the verify token and the provider's API root.
import { randomBytes } from "node:crypto";
import { serverEnv } from "@/lib/config/server-env";
import { defaultApiBaseUrlByType, type TIntegrationType } from "@/lib/validations/integration";

/** 32 random bytes as base64url: 43 URL-safe characters, safe to paste anywhere. */
export function generateVerifyToken(): string {
  return randomBytes(32).toString("base64url");
}

export function facebookWebhookUrl(orgId: string): string {
  return `${serverEnv().PUBLIC_BASE_URL}/webhook?org_id=${encodeURIComponent(orgId)}`;
}

export function defaultApiBaseUrl(type: TIntegrationType): string | null {
  if (type === "facebook") return serverEnv().defaultFacebookApiBaseUrl;
  return defaultApiBaseUrlByType[type] ?? null;
}
