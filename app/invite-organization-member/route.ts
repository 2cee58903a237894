import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { inviteMember } from "@/lib/members/invite-member";
import { ZInviteMember } from "@/lib/validations/member";

export const POST = apiRoute(async (request, { actor }) => {
  const input = parseWith(ZInviteMember, await readJson(request));
  const created = await inviteMember({ actor, orgId: input.org_id, email: input.email, role: input.role });
  return Response.json(created, { status: 201 });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
