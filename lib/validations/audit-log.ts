// The audit log's query: who did what, newest first, filtered by action, actor or integration. Browser-safe: the audit
// page's filters use the same list of actions and the same parameter names.
import { z } from "zod";
import { ZOrgQuery } from "./api-key";
import { ZKeysetCursor } from "./keyset-cursor";

/** Every action the audit log records: the one list (lib/audit/record-audit.ts takes its type from here). */
export const AUDIT_ACTIONS = [
  "integration.created",
  "integration.updated",
  "integration.activated",
  "integration.deactivated",
  "integration.deleted",
  "integration.connection_tested",
  "integration.token_refreshed",
  "integration.reauth_needed",
  "integration.page_subscription_requested",
  "integration.reconnected",
  "messenger.message_sent",
  "messenger.message_retried",
  "api_key.created",
  "api_key.revoked",
  "member.role_changed",
  "member.removed",
  "member.invited",
  "member.invite_revoked",
  "member.invite_accepted",
  "member.password_reset_issued",
  "member.password_reset_completed",
  "user.password_changed",
  "organization.set_up",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Script actions (org:add-member, …) have no person or key behind them: `actor_id=system` selects them. */
export const SYSTEM_ACTOR = "system";

const ACTOR_ID_ERROR = `actor_id must be a UUID or "${SYSTEM_ACTOR}"`;

export const ZAuditLogQuery = ZOrgQuery.extend({
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(200).default(50),
  before: ZKeysetCursor.optional(),
  action: z.enum(AUDIT_ACTIONS, { error: `action must be one of: ${AUDIT_ACTIONS.join(", ")}` }).optional(),
  actor_id: z.union([z.uuid({ error: ACTOR_ID_ERROR }), z.literal(SYSTEM_ACTOR)], { error: ACTOR_ID_ERROR }).optional(),
  integration_id: z.uuid({ error: "integration_id must be a valid UUID" }).optional(),
});
export type TAuditLogQuery = z.output<typeof ZAuditLogQuery>;
