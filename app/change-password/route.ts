// POST /change-password — the signed-in person's own password (the current one required). Every session of theirs
// ends, this one included: the browser signs in again with the new password.
import { AppError } from "@/lib/errors";
import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { changePassword } from "@/lib/auth/change-password";
import { ZChangePassword } from "@/lib/validations/member";

export const POST = apiRoute(async (request, { actor }) => {
  if (actor.kind !== "user") throw new AppError("forbidden", "An API key has no password: sign in to change yours");
  const input = parseWith(ZChangePassword, await readJson(request));
  const changed = await changePassword({
    userId: actor.userId,
    currentPassword: input.current_password,
    newPassword: input.new_password,
  });
  return Response.json({ message: "Password changed. Your other sessions were signed out.", ...changed });
});
