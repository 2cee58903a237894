// next-auth's own endpoints (sign-in form post, session, CSRF, sign-out), through lib/api/auth-endpoint.ts: only the
// sub-paths the app uses, form bodies parsed once, and the sign-in rate limit answered as 429 + Retry-After.
import { handleAuthRequest } from "@/lib/api/auth-endpoint";

type NextAuthContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: NextAuthContext) {
  const { nextauth } = await context.params;
  return handleAuthRequest(request, nextauth ?? []);
}

export const GET = handler;
export const POST = handler;
