import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { describeCreators } from "./describe-creators";
import { toApiKeyView } from "./serialize-api-key";

export async function listApiKeys(options: { actor: Actor; orgId: string }) {
  assertOrgPermission(options.actor, options.orgId, "manage_keys");
  const rows = await db().apiKey.findMany({ where: { orgId: options.orgId }, orderBy: { createdAt: "desc" } });
  const creators = await describeCreators(rows);
  return rows.map((row) => toApiKeyView(row, creators));
}
