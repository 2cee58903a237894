// One place for TanStack Query keys, so a mutation invalidates exactly what it changed.
export const queryKeys = {
  integrations: (orgId: string) => ["integrations", orgId] as const,
  /** The list behind the navigation's attention badge (?attention=1); under integrations(orgId), so toggles reach it. */
  integrationsNeedingAttention: (orgId: string) => ["integrations", orgId, "attention"] as const,
  attentionCount: (orgId: string) => ["attention-count", orgId] as const,
  auditLog: (orgId: string) => ["audit-log", orgId] as const,
  auditActors: (orgId: string) => ["audit-actors", orgId] as const,
  integration: (id: string) => ["integration", id] as const,
  apiKeys: (orgId: string) => ["api-keys", orgId] as const,
  members: (orgId: string) => ["members", orgId] as const,
  conversations: (id: string) => ["conversations", id] as const,
  messages: (id: string) => ["messages", id] as const,
};
