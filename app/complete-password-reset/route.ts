// POST /complete-password-reset — public: the one-time token is the credential (single use, rate-limited).
import { parseWith, readJson } from "@/lib/api/parse";
import { publicRoute } from "@/lib/api/public-route";
import { completePasswordReset } from "@/lib/auth/complete-password-reset";
import { clientIp } from "@/lib/auth/rate-limit";
import { ZCompletePasswordReset } from "@/lib/validations/member";

export const POST = publicRoute(async (request) => {
  const input = parseWith(ZCompletePasswordReset, await readJson(request));
  const done = await completePasswordReset({ token: input.token, password: input.password, ip: clientIp(request) });
  return Response.json({ message: "Password changed. Sign in with the new password.", ...done });
});
