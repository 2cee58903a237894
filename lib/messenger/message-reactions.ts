// A person's reactions (Messenger's message_reactions): the message they reacted to carries their current emoji
// (null after "unreact"), and reacting counts as their activity for the messaging window.
import type { BatchWrite } from "./batch-write";
import { recordPersonActivity } from "./inbox-changes";
import { latestPerKey } from "./latest-per-key";
import type { IncomingReaction } from "./page-events";

/** Applies the latest reaction per message in this delivery; returns the ids of the messages that changed. */
export const applyReactions: BatchWrite<IncomingReaction> = async (tx, integrationId, reactions) => {
  if (!reactions.length) return [];
  // A react and its unreact can come in one batch, in any order: the later one is what the person shows now.
  const latest = latestPerKey(reactions, "mid", "timestamp");
  const changed = await tx.$queryRaw<{ id: string }[]>`
    UPDATE messenger_messages m SET reaction = r.emoji, updated_at = now()
    FROM unnest(${latest.map((reaction) => reaction.mid)}::text[], ${latest.map((reaction) => reaction.psid)}::text[], ${latest.map((reaction) => reaction.emoji)}::text[])
      AS r(mid, psid, emoji)
    -- A person reacts only within their own conversation.
    WHERE m.integration_id = ${integrationId}::uuid AND m.mid = r.mid AND m.psid = r.psid AND m.reaction IS DISTINCT FROM r.emoji
    RETURNING m.id`;
  await recordPersonActivity(
    tx,
    integrationId,
    reactions.map((reaction) => ({ psid: reaction.psid, at: reaction.timestamp })),
  );
  return changed.map((row) => row.id);
};
