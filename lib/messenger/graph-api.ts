// Calls to Meta's Graph API with a Page token, and Meta's error shape turned into one readable sentence.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { serverEnv } from "@/lib/config/server-env";
import type { Integration } from "@/lib/generated/prisma/client";
import { openRequiredSecret } from "@/lib/integrations/integration-secrets";
import { joinUrl, providerFetch } from "@/lib/connections/provider-fetch";

/** Meta's code for an invalid or expired access token: the admin must paste a new Page token. */
export const GRAPH_INVALID_TOKEN_CODE = 190;

/** The longest Retry-After we wait for before retrying; anything longer is Meta telling us to stop for now. */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

const ZGraphError = z.object({
  error: z.object({
    message: z.string().default("Unknown error"),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
  }),
});

export class GraphApiError extends AppError {
  constructor(
    readonly graphMessage: string,
    readonly graphCode: number | null,
    readonly graphSubcode: number | null,
    /** From a Retry-After header, when Meta (or a proxy in front of it) sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super("bad_gateway", `Facebook: ${graphMessage}${graphCode === null ? "" : ` (code ${graphCode})`}`);
  }

  get isInvalidToken() {
    return this.graphCode === GRAPH_INVALID_TOKEN_CODE;
  }
}

/** A part of a multipart/form-data request: a field, or a file (Meta's `filedata`). */
export type GraphFormPart =
  { name: string; value: string } | { name: string; filename: string; contentType: string; data: Uint8Array };

export function graphBaseUrl(integration: Pick<Integration, "apiBaseUrl">): string {
  return integration.apiBaseUrl ?? serverEnv().defaultFacebookApiBaseUrl;
}

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  const milliseconds = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(milliseconds)) return null;
  return Math.min(Math.max(milliseconds, 0), MAX_RETRY_AFTER_MS);
}

// Quotes and line breaks would end the header early: names are ours, filenames the uploader's.
const headerSafe = (value: string) => value.replace(/["\r\n\\]/g, "_");

function multipartBody(parts: GraphFormPart[]): { body: Uint8Array; contentType: string } {
  const boundary = `----org-integrations-${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `Content-Disposition: form-data; name="${headerSafe(part.name)}"`;
    if ("data" in part) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\n${disposition}; filename="${headerSafe(part.filename)}"\r\nContent-Type: ${headerSafe(part.contentType)}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.from(part.data));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\n${disposition}\r\n\r\n${part.value}`));
    }
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function requestBody(init: { body?: unknown; form?: GraphFormPart[] }): {
  body?: string | Uint8Array;
  contentType?: string;
} {
  if (init.form) return multipartBody(init.form);
  if (init.body === undefined) return {};
  return { body: JSON.stringify(init.body), contentType: "application/json" };
}

/** A call to the Graph API with the integration's Page token; Meta's errors become GraphApiError (502). */
export async function callGraphApi(
  integration: Pick<Integration, "id" | "apiBaseUrl" | "accessToken">,
  path: string,
  init: { method?: "GET" | "POST" | "DELETE"; body?: unknown; form?: GraphFormPart[] } = {},
): Promise<unknown> {
  if (!integration.accessToken) throw new AppError("bad_request", "This integration has no Page access token");
  const { body, contentType } = requestBody(init);
  const response = await providerFetch("Facebook", joinUrl(graphBaseUrl(integration), path), {
    method: init.method ?? "GET",
    headers: {
      // Header rather than ?access_token=, so the token never lands in a URL (and so in no proxy log).
      authorization: `Bearer ${openRequiredSecret(integration, "accessToken")}`,
      ...(contentType ? { "content-type": contentType } : {}),
    },
    body,
  });
  if (response.ok) return response.json;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  const graphError = ZGraphError.safeParse(response.json);
  if (graphError.success) {
    const { message, code, error_subcode: subcode } = graphError.data.error;
    throw new GraphApiError(message, code ?? null, subcode ?? null, retryAfterMs);
  }
  throw new GraphApiError(`unexpected HTTP ${response.status} answer`, null, null, retryAfterMs);
}
