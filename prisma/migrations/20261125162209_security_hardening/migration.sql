-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "created_by_key_id" UUID;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "api_keys_org_id_created_by_idx" ON "api_keys"("org_id", "created_by");
