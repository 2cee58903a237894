// Why a "Connect" or "Reconnect" came back without connecting anything. The callback puts only the code in the
// address (never a provider's own words, which anyone could craft into a link); the pages turn it into a sentence.
export const OAUTH_ERROR_MESSAGES = {
  access_denied: "Access was not granted at the provider, so nothing was connected.",
  invalid_state:
    "This sign-in answer was not issued by this server (it was altered or forged). Nothing was stored; start again with Connect.",
  expired_state: "The sign-in took longer than 10 minutes. Nothing was stored; start again with Connect.",
  used_state: "This sign-in answer was already used. Nothing was stored; start again with Connect.",
  wrong_user:
    "This sign-in was started by another person or in another organization. Nothing was stored; start again with Connect.",
  forbidden: "Your role does not allow connecting integrations in this organization.",
  not_found: "The integration to reconnect no longer exists.",
  not_configured: "Connecting with this provider is not set up on this server.",
  provider_error: "The provider refused the sign-in or the token exchange. Nothing was stored; try again.",
  no_pages: "This Facebook account manages no Page this app may use. Nothing was stored.",
  wrong_page: "Reconnect must use the Page this integration already has. Nothing was stored.",
} as const;

export type TOAuthErrorCode = keyof typeof OAUTH_ERROR_MESSAGES;

export function oauthErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return (OAUTH_ERROR_MESSAGES as Record<string, string>)[code] ?? OAUTH_ERROR_MESSAGES.provider_error;
}
