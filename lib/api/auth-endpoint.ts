// /api/auth/*: next-auth's endpoints, narrowed to the ones this app uses. Every sub-path outside the list is a 404
// (next-auth itself reads only the first two segments, so `/callback/credentials/x` used to be a second sign-in door).
// POST bodies are parsed once, here: a form, each field once — what the rate limit reads is what next-auth signs in
// with. The limit itself is enforced inside authorize() (verify-sign-in.ts); the check here only answers clients
// that are already over it without running next-auth, and gives both refusals the same 429.
import { AppError, badRequest } from "@/lib/errors";
import { errorResponse } from "@/lib/api/errors";
import { readBodyBytes } from "./parse";
import { authOptions } from "@/lib/auth/auth-options";
import { runNextAuth, type AuthRequestBody } from "@/lib/auth/next-auth-handler";
import { SIGN_IN_BUSY_MESSAGE } from "@/lib/auth/password";
import { assertNotRateLimited, clientIp, TOO_MANY_ATTEMPTS_PREFIX } from "@/lib/auth/rate-limit";
import { signInEmail } from "@/lib/auth/verify-sign-in";

const SIGN_IN = "callback/credentials";
// What next-auth's React client calls: signIn("credentials"), signOut(), the session and CSRF reads, and the pages it
// redirects to.
const ALLOWED_PATHS: Record<string, readonly string[]> = {
  GET: ["csrf", "session", "providers", "signin", "signout", "error"],
  POST: [SIGN_IN, "signout"],
};
const MAX_FORM_BYTES = 8 * 1024;

export async function handleAuthRequest(request: Request, segments: string[]): Promise<Response> {
  const path = segments.join("/");
  try {
    if (!ALLOWED_PATHS[request.method]?.includes(path)) throw new AppError("not_found", "Not found");
    const body = request.method === "POST" ? await readForm(request) : undefined;
    if (path !== SIGN_IN) return await runNextAuth(request, { segments, body, authOptions: authOptions() });
    return await signIn(request, segments, body!);
  } catch (error) {
    return path === SIGN_IN ? signInRefusal(request, error) : errorResponse(error);
  }
}

async function signIn(request: Request, segments: string[], body: AuthRequestBody): Promise<Response> {
  const ip = clientIp(request);
  const email = signInEmail(body.email) || undefined;
  await assertNotRateLimited(ip, email);
  const response = await runNextAuth(request, { segments, body, authOptions: authOptions() });
  // authorize() refused the attempt (over the limit, maybe through guesses sent at the same moment): give the same
  // 429 with Retry-After as the check above.
  const error = await nextAuthError(response);
  if (error?.startsWith(TOO_MANY_ATTEMPTS_PREFIX)) await assertNotRateLimited(ip, email);
  // The password hash queue was full: nothing was checked, the client may simply try again shortly.
  if (error === SIGN_IN_BUSY_MESSAGE) throw new AppError("unavailable", SIGN_IN_BUSY_MESSAGE, { "Retry-After": "1" });
  return response;
}

/** A form, as next-auth's client sends it; a field sent twice is refused, not silently resolved one way or another. */
async function readForm(request: Request): Promise<AuthRequestBody> {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw badRequest("Send this as a form (application/x-www-form-urlencoded), as the sign-in page does");
  }
  // Streamed up to the cap and refused past it (413): the body is never buffered whole, whatever Content-Length says.
  const text = Buffer.from(await readBodyBytes(request, MAX_FORM_BYTES)).toString("utf8");
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (fields.has(name)) throw badRequest("Each form field may be sent only once");
    fields.set(name, value);
  }
  return Object.fromEntries(fields);
}

/** The `error` of the URL next-auth answers a failed sign-in with (JSON `{url}` for its client, else a redirect). */
async function nextAuthError(response: Response): Promise<string | null> {
  let url = response.headers.get("location");
  if (!url && response.headers.get("content-type")?.includes("application/json")) {
    url =
      (
        (await response
          .clone()
          .json()
          .catch(() => null)) as { url?: string } | null
      )?.url ?? null;
  }
  try {
    return url ? new URL(url, "http://base.invalid").searchParams.get("error") : null;
  } catch {
    return null;
  }
}

/**
 * Errors of the sign-in endpoint in the shape next-auth's client reads (`{url}` whose `error` it returns to the form),
 * with the project's `{error}` beside it; a 429 keeps its Retry-After.
 */
function signInRefusal(request: Request, error: unknown): Response {
  const response = errorResponse(error);
  if (!(error instanceof AppError)) return response;
  const url = new URL("/api/auth/error", request.url);
  url.searchParams.set("error", error.message);
  return Response.json(
    { error: error.message, url: url.toString() },
    { status: response.status, headers: response.headers },
  );
}
