-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "MessageStatus" ADD VALUE 'pending';
ALTER TYPE "MessageStatus" ADD VALUE 'failed';

-- AlterTable
ALTER TABLE "integrations" ADD COLUMN     "last_refreshed_at" TIMESTAMPTZ(3),
ADD COLUMN     "refresh_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "refresh_started_at" TIMESTAMPTZ(3),
ADD COLUMN     "subscription_checked_at" TIMESTAMPTZ(3),
ADD COLUMN     "subscription_error" TEXT,
ADD COLUMN     "subscription_status" TEXT;

-- AlterTable
ALTER TABLE "messenger_conversations" ADD COLUMN     "avatar_attachment_id" UUID,
ADD COLUMN     "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "is_in_standby" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "last_inbound_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_message_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_message_direction" "MessageDirection",
ADD COLUMN     "last_message_id" UUID,
ADD COLUMN     "last_message_preview" TEXT,
ADD COLUMN     "last_read_at" TIMESTAMPTZ(3),
ADD COLUMN     "messages_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "profile_fetched_at" TIMESTAMPTZ(3),
ADD COLUMN     "unread_count" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "messenger_messages" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "error_code" INTEGER,
ADD COLUMN     "error_message" TEXT,
ADD COLUMN     "error_subcode" INTEGER,
ADD COLUMN     "messaging_type" TEXT,
ADD COLUMN     "origin" TEXT,
ADD COLUMN     "quick_reply_payload" TEXT,
ADD COLUMN     "reaction" TEXT,
ADD COLUMN     "referral" JSONB,
ADD COLUMN     "tag" TEXT,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "messenger_webhook_logs" ADD COLUMN     "detail" TEXT;

-- CreateTable
CREATE TABLE "messenger_attachments" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "message_id" UUID,
    "psid" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source_url" TEXT,
    "mime_type" TEXT,
    "size" INTEGER,
    "name" TEXT,
    "data" BYTEA,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stored_at" TIMESTAMPTZ(3),

    CONSTRAINT "messenger_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messenger_events" (
    "id" BIGSERIAL NOT NULL,
    "integration_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messenger_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "messenger_attachments_message_id_idx" ON "messenger_attachments"("message_id");

-- CreateIndex
CREATE INDEX "messenger_attachments_integration_id_psid_idx" ON "messenger_attachments"("integration_id", "psid");

-- CreateIndex
CREATE INDEX "messenger_events_integration_id_id_idx" ON "messenger_events"("integration_id", "id");

-- CreateIndex
CREATE INDEX "messenger_events_created_at_idx" ON "messenger_events"("created_at");

-- CreateIndex
CREATE INDEX "messenger_conversations_integration_id_last_message_at_psid_idx" ON "messenger_conversations"("integration_id", "last_message_at" DESC, "psid" DESC);

-- AddForeignKey
ALTER TABLE "messenger_attachments" ADD CONSTRAINT "messenger_attachments_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messenger_attachments" ADD CONSTRAINT "messenger_attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messenger_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messenger_events" ADD CONSTRAINT "messenger_events_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: one conversation row per person who already has messages, holding what the inbox list shows, so the list
-- never scans messages again. Existing conversations start as read (no flood of old "unread" counts).
INSERT INTO "messenger_conversations" ("integration_id", "psid", "updated_at")
SELECT DISTINCT m."integration_id", m."psid", now() FROM "messenger_messages" m
ON CONFLICT ("integration_id", "psid") DO NOTHING;

UPDATE "messenger_conversations" c SET
  "last_message_id" = latest."id",
  "last_message_at" = latest."timestamp",
  "last_message_preview" = latest."preview",
  "last_message_direction" = latest."direction",
  "messages_count" = totals."messages_count",
  "last_inbound_at" = totals."last_inbound_at",
  "unread_count" = 0,
  "last_read_at" = now()
FROM (
  SELECT DISTINCT ON ("integration_id", "psid") "integration_id", "psid", "id", "timestamp", "direction",
    COALESCE(left("text", 120), CASE WHEN "attachments" IS NOT NULL THEN '[attachment]' END) AS "preview"
  FROM "messenger_messages"
  ORDER BY "integration_id", "psid", "timestamp" DESC, "id" DESC
) latest, (
  SELECT "integration_id", "psid", count(*)::int AS "messages_count",
    max("timestamp") FILTER (WHERE "direction" = 'inbound') AS "last_inbound_at"
  FROM "messenger_messages" GROUP BY "integration_id", "psid"
) totals
WHERE c."integration_id" = latest."integration_id" AND c."psid" = latest."psid"
  AND c."integration_id" = totals."integration_id" AND c."psid" = totals."psid";
