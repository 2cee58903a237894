// Response shapes of API keys, the audit log and `/me`: what the serializers are typed by, what /openapi.json and the
// typed client describe, and what the UI reads.
import { z } from "zod";
import { ZRole } from "./api-key";
import { named, orgRecordFields, pageOf, ZIsoDateTime } from "./api-schemas";

export type TRole = z.infer<typeof ZRole>;

export const ZApiKeyCreator = named(
  z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("user"), id: z.uuid(), email: z.string().nullable() }),
    z.strictObject({
      type: z.literal("api_key"),
      id: z.uuid(),
      name: z.string().nullable(),
      prefix: z.string().nullable(),
    }),
  ]),
  {
    id: "ApiKeyCreator",
    description: "Who created a key: a person (by email) or an owner key (by name and visible prefix)",
  },
);
export type TApiKeyCreator = z.infer<typeof ZApiKeyCreator>;

export const ZApiKey = named(
  z.strictObject({
    ...orgRecordFields,
    name: z.string(),
    role: ZRole,
    prefix: z.string(),
    created_by: ZApiKeyCreator.nullable(),
    last_used_at: ZIsoDateTime.nullable(),
    revoked_at: ZIsoDateTime.nullable(),
    created_at: ZIsoDateTime,
  }),
  { id: "ApiKey", description: "An API key as listed: never the key itself, only its visible prefix" },
);
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZCreatedApiKey = named(ZApiKey.extend({ key: z.string() }), {
  id: "CreatedApiKey",
  description: "A new key: `key` is in this response only (stored hashed)",
});

export const ZApiKeyListResponse = named(z.strictObject({ api_keys: z.array(ZApiKey) }), { id: "ApiKeyList" });
export const ZCreateApiKeyResponse = named(z.strictObject({ message: z.string(), api_key: ZCreatedApiKey }), {
  id: "CreateApiKeyResponse",
});
export const ZRevokeApiKeyResponse = named(z.strictObject({ message: z.string(), api_key: ZApiKey }), {
  id: "RevokeApiKeyResponse",
});

export const ZAuditEntry = named(
  z.strictObject({
    ...orgRecordFields,
    actor: z.strictObject({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
    action: z.string(),
    target: z.strictObject({ type: z.string(), id: z.string().nullable() }),
    changed_fields: z.array(z.string()),
    created_at: ZIsoDateTime,
  }),
  { id: "AuditEntry", description: "Who changed what (field names, never values)" },
);
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditLogResponse = pageOf("entries", ZAuditEntry, "AuditLog");
export type TAuditLogResponse = z.infer<typeof ZAuditLogResponse>;

export const ZOrgMembership = named(z.strictObject({ id: z.uuid(), name: z.string(), role: ZRole }), {
  id: "OrgMembership",
  description: "An organization the caller belongs to, with their role in it",
});
export type TOrgMembership = z.infer<typeof ZOrgMembership>;

export const ZMeResponse = named(
  z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("user"),
      user: z.strictObject({ id: z.uuid(), email: z.string() }),
      organizations: z.array(ZOrgMembership),
    }),
    z.strictObject({ kind: z.literal("api_key"), user: z.null(), organizations: z.array(ZOrgMembership) }),
  ]),
  {
    id: "Me",
    description: "The caller (a signed-in person, or an API key of one organization) and their organizations",
  },
);
export type TMeResponse = z.infer<typeof ZMeResponse>;

export const ZAuditActor = named(
  z.strictObject({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  { id: "AuditActor", description: "Someone who appears in the audit log: a person, an API key or a script (id null)" },
);
export type TAuditActor = z.infer<typeof ZAuditActor>;

export const ZAuditActorListResponse = named(z.strictObject({ actors: z.array(ZAuditActor) }), {
  id: "AuditActorList",
  description: "Everyone in the organization's audit log, for the actor filter",
});
export type TAuditActorListResponse = z.infer<typeof ZAuditActorListResponse>;
