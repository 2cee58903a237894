// POST /accept-organization-invite — public: the one-time token is the credential (single use, rate-limited).
import { parseWith, readJson } from "@/lib/api/parse";
import { publicRoute } from "@/lib/api/public-route";
import { clientIp } from "@/lib/auth/rate-limit";
import { acceptInvite } from "@/lib/members/accept-invite";
import { ZAcceptInvite } from "@/lib/validations/member";

export const POST = publicRoute(async (request) => {
  const input = parseWith(ZAcceptInvite, await readJson(request));
  const joined = await acceptInvite({ ...input, ip: clientIp(request) });
  return Response.json({ message: "Invite accepted. Sign in to continue.", ...joined });
});
