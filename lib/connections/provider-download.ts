// Downloads a file from a provider (Meta's CDN links of inbound Messenger attachments) through the same guarded
// connector as every provider call, so the same destinations are refused, checked on the address it connects to.
// What differs from providerFetch is what a file needs: its own size cap (the body is read up to it and never
// further), more time for the body than for the headers, and redirects followed hop by hop — each hop is a new
// connection the guard checks again, and nothing secret travels with the request (no Authorization header: the
// link itself is the permission).
import { fetch, type Response } from "undici";
import { AppError } from "@/lib/errors";
import { serverEnv } from "@/lib/config/server-env";
import { guardedDispatcher } from "./guarded-connector";
import { transportError } from "./provider-fetch";

export type DownloadOptions = {
  maxBytes: number;
  /** The whole download, headers and body, across redirects. */
  totalTimeoutMs: number;
  maxRedirects?: number;
  /**
   * Host names (and their subdomains) the link and every redirect must stay on. A file link comes from a webhook
   * payload, which anyone holding an org's App Secret can write: without this the app would fetch, keep and serve back
   * any address its network reaches (MESSENGER_MEDIA_HOSTS, Meta's CDN by default).
   */
  allowedHosts: readonly string[];
};

export type DownloadResult =
  | {
      outcome: "ok";
      status: number;
      contentType: string | null;
      contentDisposition: string | null;
      url: string;
      bytes: Buffer<ArrayBuffer>;
    }
  | { outcome: "too_large"; declaredBytes: number | null }
  /** Any answer that is not a file: 4xx, 5xx, or a redirect past maxRedirects. */
  | { outcome: "http_error"; status: number };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

async function readUpTo(response: Response, maxBytes: number): Promise<Buffer<ArrayBuffer> | null> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
}

/** One hop: the headers must arrive within PROVIDER_TIMEOUT_MS like any provider answer; the body has the total budget. */
async function requestHop(url: string, total: AbortSignal): Promise<Response> {
  const env = serverEnv();
  const headersDeadline = new AbortController();
  const timer = setTimeout(
    () => headersDeadline.abort(new DOMException("no answer", "TimeoutError")),
    env.PROVIDER_TIMEOUT_MS,
  );
  try {
    return await fetch(url, {
      method: "GET",
      redirect: "manual",
      signal: AbortSignal.any([headersDeadline.signal, total]),
      dispatcher: guardedDispatcher(env.PROVIDER_ALLOW_PRIVATE_HOSTS, env.PROVIDER_TIMEOUT_MS),
    });
  } finally {
    clearTimeout(timer);
  }
}

export function isAllowedHost(hostname: string, allowedHosts: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

function checkedUrl(provider: string, raw: string, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("bad_request", `${provider}: the link is not a valid address`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new AppError("bad_request", `${provider}: ${url.protocol} is not an http(s) address`);
  if (!isAllowedHost(url.hostname, allowedHosts)) {
    throw new AppError(
      "bad_request",
      `${provider}: ${url.hostname} is not one of the media hosts this server downloads from`,
    );
  }
  return url;
}

export async function providerDownload(
  provider: string,
  rawUrl: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const total = AbortSignal.timeout(options.totalTimeoutMs);
  const overTime = () =>
    new AppError("bad_gateway", `${provider} did not send the file within ${options.totalTimeoutMs / 1000} s`);
  let url = checkedUrl(provider, rawUrl, options.allowedHosts);
  for (let hop = 0; ; hop += 1) {
    let response: Response;
    try {
      response = await requestHop(url.href, total);
    } catch (error) {
      throw total.aborted ? overTime() : transportError(provider, error);
    }
    const location = response.headers.get("location");
    if (REDIRECTS.has(response.status) && location && hop < (options.maxRedirects ?? 3)) {
      await response.body?.cancel().catch(() => {});
      url = checkedUrl(provider, new URL(location, url).href, options.allowedHosts);
      continue;
    }
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(() => {});
      return { outcome: "http_error", status: response.status };
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel().catch(() => {});
      return { outcome: "too_large", declaredBytes: declared };
    }
    let bytes: Buffer<ArrayBuffer> | null;
    try {
      bytes = await readUpTo(response, options.maxBytes);
    } catch (error) {
      throw total.aborted ? overTime() : transportError(provider, error);
    }
    if (!bytes) return { outcome: "too_large", declaredBytes: null };
    return {
      outcome: "ok",
      status: response.status,
      contentType: response.headers.get("content-type"),
      contentDisposition: response.headers.get("content-disposition"),
      url: url.href,
      bytes,
    };
  }
}
