// How the inbox names a person when Meta gave no name: never a bare number, which reads like a phone number or an
// internal id. Browser-safe (the UI uses it too).

/** "Facebook user …1234" from the page-scoped id's last four digits. */
export function anonymousPersonLabel(psid: string): string {
  return `Facebook user …${psid.slice(-4)}`;
}

export function personLabel(conversation: { psid: string; name: string | null }): string {
  return conversation.name?.trim() || anonymousPersonLabel(conversation.psid);
}
