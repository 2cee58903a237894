// The documented endpoints, imported the way Next.js mounts them.
export * as listRoute from "@/app/organization-integrations/route";
export * as detailRoute from "@/app/organization-integration/[integration_id]/route";
export * as createRoute from "@/app/create-organization-integration/route";
export * as updateRoute from "@/app/update-organization-integration/route";
export * as toggleRoute from "@/app/toggle-organization-integration/route";
export * as deleteRoute from "@/app/delete-organization-integration/route";
export * as listKeysRoute from "@/app/organization-api-keys/route";
export * as createKeyRoute from "@/app/create-organization-api-key/route";
export * as revokeKeyRoute from "@/app/revoke-organization-api-key/route";
export * as auditLogRoute from "@/app/organization-audit-log/route";
export * as auditActorsRoute from "@/app/organization-audit-actors/route";
export * as attentionRoute from "@/app/organization-integrations-attention/route";
