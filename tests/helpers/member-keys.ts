// API keys as members make them (through the API, in a session or with another key), whether a key still works, and
// the actors the member services take: for the tests of what removing or demoting a member does to their keys.
import { randomInt } from "node:crypto";
import { expect } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { bearer, callRoute, TEST_ORIGIN } from "./call-route";
import { createKeyRoute, listRoute } from "./routes";
import { sessionCookieFor, type TestOrg } from "./seed";

type KeyRequest = { org_id: string; name: string; role: Role };

/** POST /create-organization-api-key with these headers (a session with its origin, or a key's bearer). */
export const createKey = (headers: Record<string, string>, body: KeyRequest) =>
  callRoute(createKeyRoute.POST, { method: "POST", path: "/create-organization-api-key", body, headers });

export const sessionOf = async (userId: string) => ({ cookie: await sessionCookieFor(userId), origin: TEST_ORIGIN });

export const sessionVersion = async (userId: string) =>
  (await db().user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;

const freshIp = () => `10.${randomInt(250)}.${randomInt(250)}.${randomInt(250)}`;

/** The helpers about one org, the current test's (`orgOf` is read at each call). */
export function memberKeys(orgOf: () => TestOrg) {
  return {
    /** What listing the org's integrations with this key answers (a fresh client address each time). */
    async statusOf(key: string, orgId = orgOf().orgId) {
      const result = await callRoute(listRoute.GET, {
        path: `/organization-integrations?org_id=${orgId}`,
        headers: { ...bearer(key), "x-forwarded-for": freshIp() },
      });
      return result.status;
    },
    /** A key created by `userId` through the API in a session, as the admin UI does. */
    async keyCreatedBy(userId: string, role: Role, orgId = orgOf().orgId): Promise<string> {
      const created = await createKey(await sessionOf(userId), {
        org_id: orgId,
        name: `${role} key of ${userId}`,
        role,
      });
      expect(created.status).toBe(201);
      return created.json.api_key.key;
    },
    personActor(role: Role, orgId = orgOf().orgId): Actor {
      const org = orgOf();
      return {
        kind: "user",
        userId: org.userIds[role],
        email: `${role}@example.test`,
        roles: new Map([[orgId, role]]),
      };
    },
    /** The org's own API key of that role, acting with its own role. */
    keyActor(role: Role): Actor {
      const org = orgOf();
      return { kind: "api_key", keyId: org.keyIds[role], orgId: org.orgId, role, label: `${role} key` };
    },
  };
}
