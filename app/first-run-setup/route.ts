// POST /first-run-setup — creates the first organization and its owner while the database has no user; once any user
// exists it answers 409 for good. The browser then signs in with the same email and password.
import { parseWith, readJson } from "@/lib/api/parse";
import { publicRoute } from "@/lib/api/public-route";
import { completeFirstRunSetup } from "@/lib/orgs/first-run-setup";
import { ZFirstRunSetup } from "@/lib/validations/member";

export const POST = publicRoute(async (request) => {
  const input = parseWith(ZFirstRunSetup, await readJson(request));
  const created = await completeFirstRunSetup({ ...input, organizationName: input.organization_name });
  return Response.json({ message: "Organization created. Signing you in…", ...created }, { status: 201 });
});
