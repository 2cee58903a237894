import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { revokeInvite } from "@/lib/members/revoke-invite";
import { ZRevokeInvite } from "@/lib/validations/member";

export const POST = apiRoute(async (request, { actor }) => {
  const { id } = parseWith(ZRevokeInvite, await readJson(request));
  return Response.json({ message: "Invite revoked", invite: await revokeInvite({ actor, inviteId: id }) });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
