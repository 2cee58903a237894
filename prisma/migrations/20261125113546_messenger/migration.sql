-- CreateEnum
CREATE TYPE "MessageDirection" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('received', 'sent', 'delivered', 'read');

-- AlterTable
ALTER TABLE "integrations" ADD COLUMN     "has_unverified_events" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "last_event_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "messenger_messages" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "mid" TEXT NOT NULL,
    "direction" "MessageDirection" NOT NULL,
    "kind" TEXT NOT NULL,
    "sender_id" TEXT NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "psid" TEXT NOT NULL,
    "text" TEXT,
    "attachments" JSONB,
    "postback" JSONB,
    "status" "MessageStatus" NOT NULL,
    "is_verified" BOOLEAN NOT NULL DEFAULT true,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messenger_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messenger_conversations" (
    "integration_id" UUID NOT NULL,
    "psid" TEXT NOT NULL,
    "delivered_watermark" TIMESTAMPTZ(3),
    "read_watermark" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messenger_conversations_pkey" PRIMARY KEY ("integration_id","psid")
);

-- CreateTable
CREATE TABLE "messenger_webhook_logs" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "is_verified" BOOLEAN NOT NULL,
    "events_count" INTEGER NOT NULL,
    "stored_count" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT NOT NULL,
    "unknown_events" JSONB,

    CONSTRAINT "messenger_webhook_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "messenger_messages_integration_id_timestamp_idx" ON "messenger_messages"("integration_id", "timestamp");

-- CreateIndex
CREATE INDEX "messenger_messages_integration_id_psid_timestamp_idx" ON "messenger_messages"("integration_id", "psid", "timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "messenger_messages_integration_id_mid_key" ON "messenger_messages"("integration_id", "mid");

-- CreateIndex
CREATE INDEX "messenger_webhook_logs_integration_id_received_at_idx" ON "messenger_webhook_logs"("integration_id", "received_at");

-- AddForeignKey
ALTER TABLE "messenger_messages" ADD CONSTRAINT "messenger_messages_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messenger_conversations" ADD CONSTRAINT "messenger_conversations_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messenger_webhook_logs" ADD CONSTRAINT "messenger_webhook_logs_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
