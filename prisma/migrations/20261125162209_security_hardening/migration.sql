-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "created_by_key_id" UUID;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "api_keys_org_id_created_by_idx" ON "api_keys"("org_id", "created_by");

-- Keys that API keys created before creators were recorded: their parent is in the audit log. Recording it now lets
-- revoking the parent revoke them too.
UPDATE "api_keys" AS k SET "created_by_key_id" = a."actor_id"::uuid
FROM "audit_entries" AS a
WHERE a."action" = 'api_key.created' AND a."actor_type" = 'api_key' AND a."target_id" = k."id"::text
  AND a."actor_id" ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  AND k."created_by" IS NULL AND k."created_by_key_id" IS NULL;
