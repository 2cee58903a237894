// How the audit page words each action and target. Browser-safe; the actions are the API's own list.
import type { AuditAction } from "@/lib/validations/audit-log";

export const ACTION_LABELS: Record<AuditAction, string> = {
  "integration.created": "created integration",
  "integration.updated": "updated integration",
  "integration.activated": "activated integration",
  "integration.deactivated": "deactivated integration",
  "integration.deleted": "deleted integration",
  "integration.connection_tested": "tested the connection of",
  "integration.token_refreshed": "refreshed the access token of",
  "integration.reauth_needed": "found the credentials refused for good (reconnect needed) of",
  "integration.page_subscription_requested": "asked Meta to subscribe the Page of",
  "integration.reconnected": "reconnected integration",
  "messenger.message_sent": "sent a Messenger reply through",
  "messenger.message_retried": "retried a Messenger reply through",
  "api_key.created": "created API key",
  "api_key.revoked": "revoked API key",
  "member.role_changed": "changed the role of member",
  "member.removed": "removed member",
  "member.invited": "invited",
  "member.invite_revoked": "revoked the invite of",
  "member.invite_accepted": "accepted an invite:",
  "member.password_reset_issued": "issued a password-reset link for",
  "member.password_reset_completed": "reset their password:",
  "user.password_changed": "changed their password",
  "organization.set_up": "set up the organization",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action as keyof typeof ACTION_LABELS] ?? action;
}

const ACTOR_KINDS: Record<string, string> = { user: "person", api_key: "API key", system: "script" };

export function actorKindLabel(type: string): string {
  return ACTOR_KINDS[type] ?? type;
}
