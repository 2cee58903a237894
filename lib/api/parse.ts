// Input at the edge: JSON bodies (size-limited, parsed, zod-validated) and query strings.
import type { z } from "zod";
import { ZUuid } from "@/lib/validations/integration";
import { AppError, badRequest } from "@/lib/errors";
import { parseJsonText } from "@/lib/validations/storable-json";
import { describeZodError } from "@/lib/validations/zod-error";

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

export async function readJson(request: Request): Promise<unknown> {
  const bytes = await readBodyBytes(request);
  const text = Buffer.from(bytes).toString("utf8");
  if (!text.trim()) throw badRequest("Request body must be a JSON object");
  return parseJsonText(text);
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
