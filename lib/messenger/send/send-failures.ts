// What a refused or failed Send API call means for the reply: retried later (Meta is busy or rate-limiting), or failed
// for good with Meta's code and a sentence a person can act on. Pure, so every code is unit-tested.
import { GRAPH_INVALID_TOKEN_CODE, GraphApiError } from "../graph-api";

export type SendFailure = {
  /** "retry": temporary, try again after `retryAfterMs` at the earliest; "fail": stays failed until someone retries it. */
  outcome: "retry" | "fail";
  code: number | null;
  subcode: number | null;
  message: string;
  /** Meta refused the token (190): the integration needs a new one and sends are blocked until then. */
  isTokenInvalid: boolean;
  retryAfterMs: number | null;
};

// 2 "temporarily unavailable", 4/613/80006 rate limits, 1200 "temporary send message failure".
const TEMPORARY_CODES = new Set([2, 4, 613, 1200, 80006]);
const PERMISSION_CODES = new Set([200, 230]);
const WINDOW_CLOSED = { code: 10, subcode: 2018278 };

function sentenceFor(error: GraphApiError): string {
  const { graphCode: code, graphSubcode: subcode } = error;
  const meta = `Facebook: ${error.graphMessage}`;
  if (code === GRAPH_INVALID_TOKEN_CODE) {
    return `The Page access token expired or was revoked (code 190): paste a new Page token in the integration, then retry. ${meta}`;
  }
  if (code === WINDOW_CLOSED.code && subcode === WINDOW_CLOSED.subcode) {
    return `Meta refused it: the 24-hour messaging window is closed for this person (code 10/2018278). ${meta}`;
  }
  if (code === 551) return `This person isn't available on Messenger right now (code 551); not retried. ${meta}`;
  if (code !== null && PERMISSION_CODES.has(code)) {
    return `The Page token lacks a permission this message needs (code ${code}), e.g. pages_messaging or Human Agent. ${meta}`;
  }
  if (code !== null && TEMPORARY_CODES.has(code))
    return `Meta is busy or rate-limiting this Page (code ${code}). ${meta}`;
  return `${meta}${code === null ? "" : ` (code ${code}${subcode === null ? "" : `/${subcode}`})`}`;
}

/** Any error of a Send API call: Meta's own (GraphApiError) or the transport's (timeout, unreachable: AppError). */
export function classifySendFailure(error: unknown): SendFailure {
  if (error instanceof GraphApiError) {
    const isTemporary = error.graphCode !== null && TEMPORARY_CODES.has(error.graphCode);
    return {
      outcome: isTemporary ? "retry" : "fail",
      code: error.graphCode,
      subcode: error.graphSubcode,
      message: sentenceFor(error),
      isTokenInvalid: error.isInvalidToken,
      retryAfterMs: error.retryAfterMs,
    };
  }
  // No answer (timeout) may still mean Meta delivered it: never resent on our own, or the person could get it twice.
  // If Meta did send it, its echo (which carries our metadata) turns the reply into "sent".
  const message = error instanceof Error && error.name === "AppError" ? error.message : "The Send API call failed";
  return { outcome: "fail", code: null, subcode: null, message, isTokenInvalid: false, retryAfterMs: null };
}
