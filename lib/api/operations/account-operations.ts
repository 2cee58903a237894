// API keys, the audit log and the caller (`/me`).
import { ZCreateApiKey, ZOrgQuery, ZRevokeApiKey } from "@/lib/validations/api-key";
import { ZAuditLogQuery } from "@/lib/validations/audit-log";
import {
  ZApiKeyListResponse, ZAuditActorListResponse, ZAuditLogResponse, ZCreateApiKeyResponse, ZMeResponse, ZRevokeApiKeyResponse,
} from "@/lib/validations/api-key-response";
import type { TApiOperation } from "./define-operation";

export const accountOperations: TApiOperation[] = [
  {
    method: "get",
    path: "/organization-api-keys",
    operationId: "listApiKeys",
    tag: "API keys",
    summary: "List API keys (owners and admins signed in, owner API keys)",
    query: ZOrgQuery,
    responses: { 200: ZApiKeyListResponse },
    errors: [400],
  },
  {
    method: "post",
    path: "/create-organization-api-key",
    operationId: "createApiKey",
    tag: "API keys",
    summary: "Create an API key (people signed in, owner API keys; role at most the caller's); the key is in this response only",
    body: ZCreateApiKey,
    bodyExample: { org_id: "3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b", name: "Website frontend", role: "viewer" },
    responses: { 201: ZCreateApiKeyResponse },
    errors: [400],
  },
  {
    method: "post",
    path: "/revoke-organization-api-key",
    operationId: "revokeApiKey",
    tag: "API keys",
    summary: "Revoke an API key and every key it created (role at least the key's)",
    body: ZRevokeApiKey,
    responses: { 200: ZRevokeApiKeyResponse },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/organization-audit-log",
    operationId: "listAuditLog",
    tag: "Account",
    summary: "Audit log, newest first (owners, admins); filter by action, actor_id (a UUID or \"system\") or integration_id",
    query: ZAuditLogQuery,
    responses: { 200: ZAuditLogResponse },
    errors: [400],
  },
  {
    method: "get",
    path: "/organization-audit-actors",
    operationId: "listAuditActors",
    tag: "Account",
    summary: "Everyone who appears in the audit log (people, API keys, scripts), for its actor filter (owners, admins)",
    query: ZOrgQuery,
    responses: { 200: ZAuditActorListResponse },
    errors: [400],
  },
  {
    method: "get",
    path: "/me",
    operationId: "getMe",
    tag: "Account",
    summary: "The caller and their organizations",
    responses: { 200: ZMeResponse },
    errors: [],
  },
];
