// Calls a Next.js route handler the way Next does: a real Request in, a real Response out.
export const TEST_ORIGIN = "https://integrations.example.test";

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the route answered
export type CallResult = { status: number; json: any; text: string; headers: Headers };

export async function callRoute(handler: RouteHandler, options: CallOptions): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const request = new Request(`${TEST_ORIGIN}${options.path}`, { method: options.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
