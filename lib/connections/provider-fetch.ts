// Every outgoing call to a provider goes through here: only to destinations the guarded connector accepts (checked
// on the address it connects to), a timeout (a hanging provider must not hang our request), no redirects
// (credentials must not follow one to another host), and transport failures turned into a clear 502.
import { fetch, type Response } from "undici";
import { AppError } from "@/lib/errors";
import { serverEnv } from "@/lib/config/server-env";
import { guardedDispatcher, HostNotResolvedError } from "./guarded-connector";
import { DestinationRefusedError } from "./provider-destination";

export type ProviderResponse = {
  status: number;
  ok: boolean;
  text: string;
  json: unknown;
  headers: { get(name: string): string | null };
};
// Uint8Array: multipart uploads (Messenger files) are built as bytes.
export type ProviderRequest = { method?: string; headers?: Record<string, string>; body?: string | Uint8Array };

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
      throw new AppError(
        "bad_gateway",
        `${provider} answered with more than ${MAX_PROVIDER_RESPONSE_BYTES / 1024 / 1024} MB`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function transportError(provider: string, error: unknown): AppError {
  const timeoutSeconds = serverEnv().PROVIDER_TIMEOUT_MS / 1000;
  const name = (error as Error).name;
  if (name === "TimeoutError" || name === "AbortError")
    return new AppError("bad_gateway", `${provider} did not answer within ${timeoutSeconds} s`);
  const cause = (error as Error).cause;
  if (cause instanceof DestinationRefusedError) return new AppError("bad_request", `${provider}: ${cause.message}`);
  if (cause instanceof HostNotResolvedError)
    return new AppError("bad_gateway", `${provider} could not be reached (${cause.message})`);
  return new AppError("bad_gateway", `${provider} could not be reached`);
}

export async function providerFetch(
  provider: string,
  url: string,
  init: ProviderRequest = {},
): Promise<ProviderResponse> {
  const { protocol } = new URL(url);
  if (protocol !== "https:" && protocol !== "http:")
    throw new AppError("bad_request", `${provider}: ${protocol} is not an http(s) address`);
  const env = serverEnv();
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      redirect: "error",
      signal: AbortSignal.timeout(env.PROVIDER_TIMEOUT_MS),
      dispatcher: guardedDispatcher(env.PROVIDER_ALLOW_PRIVATE_HOSTS, env.PROVIDER_TIMEOUT_MS),
    });
  } catch (error) {
    throw transportError(provider, error);
  }
  let text: string;
  try {
    text = await readCapped(response, provider);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_gateway", `${provider} did not answer within ${env.PROVIDER_TIMEOUT_MS / 1000} s`);
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, ok: response.ok, text, json, headers: response.headers };
}

/** A form POST: how OAuth token endpoints take secrets (in the body, never in the address). */
export const formPost = (body: Record<string, string>): ProviderRequest => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  body: new URLSearchParams(body).toString(),
});

/** `base` + `path` without doubled or missing slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
