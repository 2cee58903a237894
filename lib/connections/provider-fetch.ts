// Every outgoing call to a provider goes through here: a timeout (a hanging provider must not hang our request),
// no redirects (credentials must not follow one to another host), and transport failures turned into a clear 502.
import { AppError } from "@/lib/api/errors";
import { serverEnv } from "@/lib/config/server-env";

export type ProviderResponse = { status: number; ok: boolean; text: string; json: unknown };

export async function providerFetch(provider: string, url: string, init: RequestInit = {}): Promise<ProviderResponse> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(serverEnv().PROVIDER_TIMEOUT_MS) });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new AppError("bad_gateway", `${provider} did not answer within ${serverEnv().PROVIDER_TIMEOUT_MS / 1000} s`);
    }
    throw new AppError("bad_gateway", `${provider} could not be reached`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new AppError("bad_gateway", `${provider} did not answer within ${serverEnv().PROVIDER_TIMEOUT_MS / 1000} s`);
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, ok: response.ok, text, json };
}

/** `base` + `path` without doubled or missing slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
