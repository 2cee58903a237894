// Handover protocol: while another app (a chatbot, Meta's Page inbox…) owns a thread, Meta delivers that person's events
// on `standby` instead of `messaging`, and our replies may be refused. The conversation row says so (is_in_standby) until
// a normal `messaging` event shows the thread is ours again.
import type { BatchWrite } from "./batch-write";
import { recordChangedConversations } from "./inbox-changes";
import { latestPerKey } from "./latest-per-key";
import type { ThreadOwnership } from "./page-events";

export const applyThreadOwnership: BatchWrite<ThreadOwnership, void> = async (tx, integrationId, ownership) => {
  if (!ownership.length) return;
  // Within a delivery, the person's latest event decides.
  const latest = latestPerKey(ownership, "psid", "at");
  // Only rows whose state differs are written: most deliveries change nothing here.
  const changed = await tx.$queryRaw<{ psid: string }[]>`
    UPDATE messenger_conversations c SET is_in_standby = t.standby, updated_at = now()
    FROM unnest(${latest.map((entry) => entry.psid)}::text[], ${latest.map((entry) => entry.isInStandby)}::boolean[]) AS t(psid, standby)
    WHERE c.integration_id = ${integrationId}::uuid AND c.psid = t.psid AND c.is_in_standby <> t.standby
    RETURNING c.psid`;
  await recordChangedConversations(
    tx,
    integrationId,
    changed.map((row) => row.psid),
  );
};
