// A "Connect" that must end. The callback turns it into a redirect back to the form with its code; the JSON routes
// (Page picker) answer it like any domain error: a 4xx (502 for a provider's refusal) with the code's sentence.
import { AppError, type AppErrorCode } from "@/lib/errors";
import { OAUTH_ERROR_MESSAGES, type TOAuthErrorCode } from "./oauth-messages";

const httpCodeOf: Record<TOAuthErrorCode, AppErrorCode> = {
  access_denied: "bad_request",
  invalid_state: "bad_request",
  expired_state: "bad_request",
  used_state: "conflict",
  wrong_user: "forbidden",
  forbidden: "forbidden",
  not_found: "not_found",
  not_configured: "bad_request",
  provider_error: "bad_gateway",
  no_pages: "bad_request",
  wrong_page: "bad_request",
};

export class OAuthFlowError extends AppError {
  constructor(
    readonly oauthCode: TOAuthErrorCode,
    /** For the server log only (never secrets); the client sees the code's sentence. */
    readonly detail?: string,
  ) {
    super(httpCodeOf[oauthCode], OAUTH_ERROR_MESSAGES[oauthCode]);
    this.name = "OAuthFlowError";
  }
}
