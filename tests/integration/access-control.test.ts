// Every route × every kind of caller: the status, and that a refused call changed nothing. Sessions, API keys and
// CORS on their own: access-control-sessions.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute, type CallOptions } from "../helpers/call-route";
import {
  auditLogRoute,
  createKeyRoute,
  createRoute,
  deleteRoute,
  detailRoute,
  listKeysRoute,
  listRoute,
  revokeKeyRoute,
  toggleRoute,
  updateRoute,
} from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

type Caller = "none" | "other_org" | "viewer" | "admin" | "owner";
const CALLERS: Caller[] = ["none", "other_org", "viewer", "admin", "owner"];

let home: TestOrg;
let stranger: TestOrg;

beforeAll(async () => {
  [home, stranger] = await Promise.all([createTestOrg(), createTestOrg()]);
});

function headersFor(caller: Caller): Record<string, string> {
  if (caller === "none") return {};
  if (caller === "other_org") return bearer(stranger.keys.admin);
  return bearer(home.keys[caller]);
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
/** A request ready to send, what a member of another org gets for it, and the state a refused call must leave alone. */
type Prepared = { handler: Handler; options: CallOptions; foreign: 403 | 404; snapshot: () => Promise<unknown> };
type Case = {
  name: string;
  // keys: people in a session (owners, admins) and owner API keys only; an admin key may not mint or revoke keys.
  kind: "read" | "write" | "manage" | "keys" | "any";
  /** 200 unless said. */
  success?: number;
  prepare: () => Promise<Prepared>;
};

const nothing = async () => null;
const integrationCount = () => db().integration.count({ where: { orgId: home.orgId } });
const keyCount = () => db().apiKey.count({ where: { orgId: home.orgId } });
const post = (path: string, body: object): CallOptions => ({ method: "POST", path, body });

// A request that names the home org: another org's member is refused (403).
const namingOrg =
  (handler: Handler, options: () => CallOptions, snapshot: () => Promise<unknown> = nothing) =>
  async (): Promise<Prepared> => ({ handler, options: options(), snapshot, foreign: 403 });

// A request that names a fresh resource of the home org: to another org's member it does not exist (404).
const namingResource =
  (fresh: () => Promise<{ id: string; snapshot: () => Promise<unknown> }>) =>
  (handler: Handler, options: (id: string) => CallOptions) =>
  async (): Promise<Prepared> => {
    const { id, snapshot } = await fresh();
    return { handler, options: options(id), snapshot, foreign: 404 };
  };
const namingIntegration = namingResource(async () => {
  const { id } = await db().integration.create({
    data: { orgId: home.orgId, integrationType: "other", name: "Target", config: {} },
  });
  return { id, snapshot: () => db().integration.findUnique({ where: { id } }) };
});
const namingApiKey = namingResource(async () => {
  const { id } = await db().apiKey.create({
    data: { orgId: home.orgId, name: "victim", role: "viewer", prefix: "oik_x", keyHash: crypto.randomUUID() },
  });
  return { id, snapshot: () => db().apiKey.findUnique({ where: { id } }) };
});

// What each case sends (ids: the fresh resource it names).
const listIntegrations = () => ({ path: `/organization-integrations?org_id=${home.orgId}` });
const readIntegration = (id: string) => ({ path: `/organization-integration/${id}`, params: { integration_id: id } });
const addIntegration = () =>
  post("/create-organization-integration", { org_id: home.orgId, integration_type: "other", name: "New" });
const renameIntegration = (id: string) => post("/update-organization-integration", { id, name: "Renamed" });
const activateIntegration = (id: string) => post("/toggle-organization-integration", { id, active: true });
const deleteIntegration = (id: string) => post("/delete-organization-integration", { id });
const listKeys = () => ({ path: `/organization-api-keys?org_id=${home.orgId}` });
const addKey = () => post("/create-organization-api-key", { org_id: home.orgId, name: "ci", role: "viewer" });
const revokeKey = (id: string) => post("/revoke-organization-api-key", { id });
const readAuditLog = () => ({ path: `/organization-audit-log?org_id=${home.orgId}` });

const CASES: Case[] = [
  { name: "list", kind: "read", prepare: namingOrg(listRoute.GET, listIntegrations, integrationCount) },
  { name: "detail", kind: "read", prepare: namingIntegration(detailRoute.GET, readIntegration) },
  {
    name: "create",
    kind: "write",
    success: 201,
    prepare: namingOrg(createRoute.POST, addIntegration, integrationCount),
  },
  { name: "update", kind: "write", prepare: namingIntegration(updateRoute.POST, renameIntegration) },
  { name: "toggle", kind: "write", prepare: namingIntegration(toggleRoute.POST, activateIntegration) },
  { name: "delete", kind: "write", prepare: namingIntegration(deleteRoute.POST, deleteIntegration) },
  { name: "list keys", kind: "keys", prepare: namingOrg(listKeysRoute.GET, listKeys) },
  { name: "create key", kind: "keys", success: 201, prepare: namingOrg(createKeyRoute.POST, addKey, keyCount) },
  { name: "revoke key", kind: "keys", prepare: namingApiKey(revokeKeyRoute.POST, revokeKey) },
  { name: "audit log", kind: "manage", prepare: namingOrg(auditLogRoute.GET, readAuditLog) },
];

function expectedStatus(test: Case, foreign: 403 | 404, caller: Caller): number {
  if (caller === "none") return 401;
  if (caller === "other_org") return foreign;
  if (caller === "viewer" && test.kind !== "read" && test.kind !== "any") return 403;
  if (caller === "admin" && test.kind === "keys") return 403;
  return test.success ?? 200;
}

describe.each(CASES)("$name", (test) => {
  it.each(CALLERS)("as %s", async (caller) => {
    const { handler, options, foreign, snapshot } = await test.prepare();
    const before = await snapshot();
    const result = await callRoute(handler, { ...options, headers: headersFor(caller) });
    expect(result.status).toBe(expectedStatus(test, foreign, caller));
    if (result.status >= 400) {
      expect(typeof result.json.error).toBe("string");
      expect(await snapshot()).toEqual(before);
    }
  });
});
