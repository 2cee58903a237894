// Input at the edge: JSON bodies (size-limited, parsed, zod-validated) and query strings.
import type { z } from "zod";
import { ZUuid } from "@/lib/validations/integration";
import { AppError, badRequest } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the raw body, refusing more than `limit` bytes without buffering them all (Content-Length can lie). */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number) {
  return new AppError("payload_too_large", `Request body is larger than ${Math.round(limit / 1024)} KB`);
}

const MAX_JSON_DEPTH = 64;

/**
 * Parses JSON that is safe to store and serialize: PostgreSQL refuses NUL characters in text and JSON, and a
 * deeply nested value overflows the stack of whatever walks it later (serializers, Prisma) — both would be 500s.
 */
export function parseJsonText(text: string, what = "Request body"): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(`${what} is not valid JSON`);
  }
  assertStorableJson(value, what);
  return value;
}

/** `allowNul`: for input whose NULs are stripped later (Meta's webhook, which must never be refused for content). */
export function assertStorableJson(root: unknown, what: string, options: { allowNul?: boolean } = {}) {
  // Iterative, so the check itself cannot overflow the stack.
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (pending.length) {
    const { value, depth } = pending.pop()!;
    if (typeof value === "string") {
      if (!options.allowNul && value.includes("\u0000")) throw badRequest(`${what} must not contain NUL (\\u0000) characters`);
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw badRequest(`${what} is nested more than ${MAX_JSON_DEPTH} levels deep`);
    for (const [key, child] of Object.entries(value)) {
      if (!options.allowNul && key.includes("\u0000")) throw badRequest(`${what} must not contain NUL (\\u0000) characters`);
      pending.push({ value: child, depth: depth + 1 });
    }
  }
}

export async function readJson(request: Request): Promise<unknown> {
  const bytes = await readBodyBytes(request);
  const text = Buffer.from(bytes).toString("utf8");
  if (!text.trim()) throw badRequest("Request body must be a JSON object");
  return parseJsonText(text);
}

/** One readable sentence from a zod error, e.g. "config.page_id: must be a numeric Facebook Page ID". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(describeZodError(result.error));
  return result.data;
}

export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** The `{integration_id}` path segment of the /organization-integration/… routes, checked before any query. */
export function integrationIdParam(params: Record<string, string>): string {
  const id = ZUuid.safeParse(params.integration_id);
  if (!id.success) throw badRequest("integration_id must be a valid UUID");
  return id.data;
}
