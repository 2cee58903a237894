// The Send API `metadata` we attach to every reply, and read back from Meta's echo of it: our message row's id. The
// echo can arrive before Meta's answer to the send (so before we know its mid); the metadata still names the row.
const PREFIX = "org-integrations:";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const echoMetadataFor = (messageId: string) => `${PREFIX}${messageId}`;

/** The message row id an echo's metadata names, or null when the echo is not of a reply sent by this app. */
export function messageIdFromEchoMetadata(metadata: string | null | undefined): string | null {
  if (!metadata?.startsWith(PREFIX)) return null;
  const id = metadata.slice(PREFIX.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}
