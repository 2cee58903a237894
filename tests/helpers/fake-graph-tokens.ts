// The Page tokens the fake Graph server knows (registered per test, so parallel tests never share state), and how a
// request's bearer token is checked against them, with Meta's errors for an unknown or an expired token.
import { EXPIRED_SESSION, graphError, INVALID_TOKEN, type Page } from "./fake-graph-errors";
import { bearerToken, type RecordedRequest } from "./fake-http-server";

export type TokenState = { page: Page; isExpired?: boolean; hangs?: boolean };

/** What a Graph endpoint needs to know about the caller: its token and Page, or the error Meta would answer. */
export type Authentication =
  | { token: string; state: TokenState; error?: undefined }
  | { token?: undefined; state?: undefined; error: ReturnType<typeof graphError> };

export function fakeGraphTokens() {
  const tokens = new Map<string, TokenState>();
  return {
    find: (token: string) => tokens.get(token),
    add: (token: string, page: Page, state: Omit<TokenState, "page"> = {}) =>
      void tokens.set(token, { page, ...state }),
    expire: (token: string) => {
      const state = tokens.get(token);
      if (state) state.isExpired = true;
    },
    authenticate(request: RecordedRequest): Authentication {
      const token = bearerToken(request);
      const state = token ? tokens.get(token) : undefined;
      if (!token || !state) return { error: graphError(INVALID_TOKEN, 190) };
      if (state.isExpired) return { error: graphError(EXPIRED_SESSION, 190, 463) };
      return { token, state };
    },
  };
}
