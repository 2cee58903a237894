// Runs next-auth (v4) on a web Request whose body we have already parsed. Its App Router entry point re-reads the
// body itself (JSON or form, last value of a repeated field wins) and reads headers through next/headers, which
// exists only inside Next's request scope. Its Node-style entry point takes the parsed request instead, so what our
// checks read is exactly what next-auth signs in with, and the route can be called for real in tests.
import NextAuth, { type NextAuthOptions } from "next-auth";

export type AuthRequestBody = Record<string, string>;

type NodeStyleResponse = {
  status: (code: number) => NodeStyleResponse;
  getHeader: (name: string) => string | string[] | undefined;
  setHeader: (name: string, value: string | string[]) => NodeStyleResponse;
  end: () => void;
  json: (value: unknown) => void;
  send: (value: unknown) => void;
};

export function parseCookieHeader(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator < 1) continue;
    const name = part.slice(0, separator).trim();
    if (name in cookies) continue; // the first one wins, as browsers send the most specific cookie first
    try {
      cookies[name] = decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      // a malformed cookie is no cookie, not a server error
    }
  }
  return cookies;
}

export async function runNextAuth(
  request: Request,
  input: { segments: string[]; body?: AuthRequestBody; authOptions: NextAuthOptions },
): Promise<Response> {
  const url = new URL(request.url);
  let status = 200;
  let body: string | null = null;
  const headers = new Headers();
  const setCookies: string[] = [];
  const response: NodeStyleResponse = {
    status: (code) => ((status = code), response),
    getHeader: (name) => (name.toLowerCase() === "set-cookie" ? [...setCookies] : (headers.get(name) ?? undefined)),
    setHeader: (name, value) => {
      if (name.toLowerCase() !== "set-cookie") headers.set(name, String(value));
      else setCookies.splice(0, setCookies.length, ...(Array.isArray(value) ? value : [value]));
      return response;
    },
    end: () => {},
    json: (value) => {
      headers.set("content-type", "application/json");
      body = JSON.stringify(value);
    },
    send: (value) => {
      if (typeof value === "string") body = value;
      else if (value !== undefined && value !== null) {
        if (!headers.has("content-type")) headers.set("content-type", "application/json");
        body = JSON.stringify(value);
      }
    },
  };
  const nodeStyleRequest = {
    method: request.method,
    headers: Object.fromEntries(request.headers),
    cookies: parseCookieHeader(request.headers.get("cookie")),
    query: { ...Object.fromEntries(url.searchParams), nextauth: input.segments },
    body: input.body,
  };
  // The three-argument form is next-auth's documented "advanced initialization" for API routes.
  await (NextAuth as unknown as (req: unknown, res: unknown, options: NextAuthOptions) => Promise<unknown>)(
    nodeStyleRequest,
    response,
    input.authOptions,
  );
  for (const cookie of setCookies) headers.append("set-cookie", cookie);
  return new Response(body, { status, headers });
}
