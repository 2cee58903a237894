// The OAuth providers' connection checks (HubSpot, Salesforce): one call with a fresh token, refreshed first when it
// expires within minutes and once more on a 401; a refresh the provider refuses is the check's answer.
import type { Integration } from "@/lib/generated/prisma/client";
import { callWithFreshToken, NeedsReauthError } from "@/lib/token-refresh/fresh-token";
import type { CheckResult } from "./connection-check";

/** `judge` reads the answer; `used` is the integration as the call used it (with any fresh tokens). */
export async function checkWithFreshToken<R extends { status: number }>(
  integration: Integration,
  call: (current: Integration) => Promise<R>,
  judge: (response: R, used: Integration) => CheckResult,
): Promise<CheckResult> {
  let outcome: { response: R; integration: Integration };
  try {
    outcome = await callWithFreshToken(integration, call, { trigger: "check" });
  } catch (error) {
    if (error instanceof NeedsReauthError) return { ok: false, error: error.message, needsReauth: true };
    throw error;
  }
  return judge(outcome.response, outcome.integration);
}
