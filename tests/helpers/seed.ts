// Unique data per test: a fresh organization with one user and one API key per role.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { generateApiKey } from "@/lib/auth/api-key-format";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";

export type TestOrg = {
  orgId: string;
  keys: Record<Role, string>;
  keyIds: Record<Role, string>;
  userIds: Record<Role, string>;
  cookie: (role: Role) => Promise<string>;
};

const ROLES: Role[] = ["owner", "admin", "viewer"];

export async function createTestOrg(name = `Org ${randomUUID().slice(0, 8)}`): Promise<TestOrg> {
  const org = await db().organization.create({ data: { name } });
  const keys = {} as Record<Role, string>;
  const keyIds = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const user = await db().user.create({
      data: { email: `${role}-${randomUUID()}@example.test`, passwordHash: "not-used-in-api-tests" },
    });
    await db().membership.create({ data: { userId: user.id, orgId: org.id, role } });
    userIds[role] = user.id;
    const { key, displayPrefix, keyHash } = generateApiKey();
    const apiKey = await db().apiKey.create({
      data: { orgId: org.id, name: `${role} key`, role, prefix: displayPrefix, keyHash },
    });
    keys[role] = key;
    keyIds[role] = apiKey.id;
  }
  return { orgId: org.id, keys, keyIds, userIds, cookie: (role) => sessionCookieFor(userIds[role]) };
}

export async function sessionCookieFor(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: process.env.NEXTAUTH_SECRET! });
  return `${sessionCookieName()}=${token}`;
}
