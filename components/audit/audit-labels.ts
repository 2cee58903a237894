// How the audit page words each action and target. Browser-safe; the actions are the API's own list.
import type { AUDIT_ACTIONS } from "@/lib/validations/audit-log";

export const ACTION_LABELS: Record<(typeof AUDIT_ACTIONS)[number], string> = {
  "integration.created": "created integration",
  "integration.updated": "updated integration",
  "integration.activated": "activated integration",
  "integration.deactivated": "deactivated integration",
  "integration.deleted": "deleted integration",
  "integration.connection_tested": "tested the connection of",
  "integration.page_subscription_requested": "asked Meta to subscribe the Page of",
  "messenger.message_sent": "sent a Messenger reply through",
  "messenger.message_retried": "retried a Messenger reply through",
  "api_key.created": "created API key",
  "api_key.revoked": "revoked API key",
  "member.role_changed": "changed the role of member",
  "member.removed": "removed member",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action as keyof typeof ACTION_LABELS] ?? action;
}

const ACTOR_KINDS: Record<string, string> = { user: "person", api_key: "API key", system: "script" };

export function actorKindLabel(type: string): string {
  return ACTOR_KINDS[type] ?? type;
}
