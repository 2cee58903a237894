// Who created each key, for the listing: a person (by email) or an owner key (by name and visible prefix).
import { db } from "@/lib/db/prisma";
import type { ApiKey } from "@/lib/generated/prisma/client";
import type { TApiKeyCreator } from "@/lib/validations/api-key-response";

type CreatorFields = Pick<ApiKey, "id" | "createdBy" | "createdByKeyId">;

/** Two queries for any number of keys; a creator since deleted still shows its id. */
export async function describeCreators(rows: CreatorFields[]): Promise<Map<string, TApiKeyCreator>> {
  const userIds = [...new Set(rows.flatMap((row) => (row.createdBy ? [row.createdBy] : [])))];
  const keyIds = [...new Set(rows.flatMap((row) => (row.createdByKeyId ? [row.createdByKeyId] : [])))];
  const [users, keys] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    keyIds.length
      ? db().apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true, prefix: true } })
      : [],
  ]);
  const emails = new Map(users.map((user) => [user.id, user.email]));
  const parents = new Map(keys.map((key) => [key.id, key]));
  const creators = new Map<string, TApiKeyCreator>();
  for (const row of rows) {
    if (row.createdByKeyId) {
      const parent = parents.get(row.createdByKeyId);
      creators.set(row.id, {
        type: "api_key",
        id: row.createdByKeyId,
        name: parent?.name ?? null,
        prefix: parent?.prefix ?? null,
      });
    } else if (row.createdBy) {
      creators.set(row.id, { type: "user", id: row.createdBy, email: emails.get(row.createdBy) ?? null });
    }
  }
  return creators;
}
