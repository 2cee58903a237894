// next-auth's own endpoints (sign-in form post, session, sign-out). Before a credentials sign-in reaches next-auth,
// an IP or account that already failed too often gets 429 + Retry-After.
import NextAuth from "next-auth";
import { errorResponse } from "@/lib/api/errors";
import { authOptions } from "@/lib/auth/auth-options";
import { assertNotRateLimited, clientIp } from "@/lib/auth/rate-limit";

type NextAuthContext = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: NextAuthContext) {
  return NextAuth(authOptions())(request, context);
}

export const GET = handler;

export async function POST(request: Request, context: NextAuthContext) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase() || undefined;
    try {
      await assertNotRateLimited(clientIp(request), email);
    } catch (error) {
      return errorResponse(error);
    }
  }
  return handler(request, context);
}
