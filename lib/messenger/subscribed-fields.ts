// The webhook fields the app subscribes a Page to (page-subscription.ts) and the setup checklist asks people to tick
// in Meta's dashboard (components/messenger/facebook-setup.tsx): one list, with no server imports, so the page's
// components can show it.

/** Every webhook field the inbox uses (messages, postbacks, receipts, echoes, reactions). */
export const SUBSCRIBED_FIELDS = [
  "messages",
  "messaging_postbacks",
  "message_deliveries",
  "message_reads",
  "message_echoes",
  "message_reactions",
] as const;
