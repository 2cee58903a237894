// Calls a Next.js route handler the way Next does: a real Request in, a real Response out.
import { recordRequestSecrets, recordResponse } from "../system/support/leak-scan";
import { openApiViolation } from "./openapi-response-check";

export const TEST_ORIGIN = "https://integrations.example.test";

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  /** multipart/form-data, as a browser's FormData sends it (Request sets the boundary). */
  form?: FormData;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** False for fuzzing: random values in secret-named fields are not secrets (responses are still scanned). */
  recordSecrets?: boolean;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the route answered
export type CallResult = { status: number; json: any; text: string; headers: Headers };

export async function callRoute(handler: RouteHandler, options: CallOptions): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  // For the suite's secret-leak scan: what this test sent that must never come back, and what came back.
  if (options.recordSecrets !== false) recordRequestSecrets(options.body ?? safeJson(options.rawBody), headers);
  const request = new Request(`${TEST_ORIGIN}${options.path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.form ?? body,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  // A live stream never ends: its headers are the answer here (tests that read streams open them themselves).
  const isStream = response.headers.get("content-type")?.startsWith("text/event-stream");
  if (isStream) await response.body?.cancel();
  const text = isStream ? "" : await response.text();
  recordResponse(`${request.method} ${options.path}`, response.status, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const violation = openApiViolation(
    request.method,
    options.path,
    options.params ?? {},
    response.status,
    response.headers.get("content-type") ?? "",
    json,
  );
  if (violation) throw new Error(`The answer breaks /openapi.json: ${violation}`);
  return { status: response.status, json, text, headers: response.headers };
}

function safeJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
