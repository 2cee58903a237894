// Every outgoing call to a provider goes through here: a timeout (a hanging provider must not hang our request),
// no redirects (credentials must not follow one to another host), and transport failures turned into a clear 502.
import { AppError } from "@/lib/api/errors";
import { serverEnv } from "@/lib/config/server-env";
import { assertPublicDestination } from "./provider-destination";

export type ProviderResponse = { status: number; ok: boolean; text: string; json: unknown };

// A provider's answer is small JSON; a hostile or broken server must not fill our memory.
const MAX_PROVIDER_RESPONSE_BYTES = 2 * 1024 * 1024;

async function readCapped(response: Response, provider: string): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PROVIDER_RESPONSE_BYTES) {
      await reader.cancel().catch(() => {});
      throw new AppError("bad_gateway", `${provider} answered with more than ${MAX_PROVIDER_RESPONSE_BYTES / 1024 / 1024} MB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function providerFetch(provider: string, url: string, init: RequestInit = {}): Promise<ProviderResponse> {
  await assertPublicDestination(provider, url);
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
    text = await readCapped(response, provider);
  } catch (error) {
    if (error instanceof AppError) throw error;
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
