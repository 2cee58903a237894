// API keys, the audit log and the caller (`/me`).
import { ZCreateApiKey, ZOrgQuery, ZRevokeApiKey } from "@/lib/validations/api-key";
import { ZAuditLogQuery } from "@/lib/validations/audit-log";
import {
  ZApiKeyListResponse,
  ZAuditActorListResponse,
  ZAuditLogResponse,
  ZCreateApiKeyResponse,
  ZMeResponse,
  ZRevokeApiKeyResponse,
} from "@/lib/validations/api-key-response";
import { operationsTagged, type TApiOperation } from "./define-operation";

const apiKeys = operationsTagged("API keys");
const account = operationsTagged("Account");

export const accountOperations: TApiOperation[] = [
  apiKeys.getWithQuery(
    "/organization-api-keys",
    "listApiKeys",
    ZOrgQuery,
    ZApiKeyListResponse,
    "List API keys (owners and admins signed in, owner API keys)",
  ),
  apiKeys.post(
    "/create-organization-api-key",
    "createApiKey",
    {
      body: ZCreateApiKey,
      bodyExample: { org_id: "3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b", name: "Website frontend", role: "viewer" },
      responses: { 201: ZCreateApiKeyResponse },
      errors: [400],
    },
    "Create an API key (people signed in, owner API keys; role at most the caller's); the key is in this response only",
  ),
  apiKeys.post(
    "/revoke-organization-api-key",
    "revokeApiKey",
    { body: ZRevokeApiKey, responses: { 200: ZRevokeApiKeyResponse }, errors: [400, 404] },
    "Revoke an API key and every key it created (role at least the key's)",
  ),
  account.getWithQuery(
    "/organization-audit-log",
    "listAuditLog",
    ZAuditLogQuery,
    ZAuditLogResponse,
    'Audit log, newest first (owners, admins); filter by action, actor_id (a UUID or "system") or integration_id',
  ),
  account.getWithQuery(
    "/organization-audit-actors",
    "listAuditActors",
    ZOrgQuery,
    ZAuditActorListResponse,
    "Everyone who appears in the audit log (people, API keys, scripts), for its actor filter (owners, admins)",
  ),
  account.get("/me", "getMe", { responses: { 200: ZMeResponse }, errors: [] }, "The caller and their organizations"),
];
