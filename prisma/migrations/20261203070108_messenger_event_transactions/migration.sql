-- DropIndex
DROP INDEX "messenger_events_integration_id_id_idx";

-- AlterTable
ALTER TABLE "messenger_events" ADD COLUMN     "tx_id" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateIndex
CREATE INDEX "messenger_events_integration_id_tx_id_id_idx" ON "messenger_events"("integration_id", "tx_id", "id");
