// What the Members page offers the signed-in person; the server enforces the same rules (lib/orgs/member-change.ts).
import type { TRole } from "@/lib/validations/api-key-response";

/** Owners manage everyone; admins manage admins and viewers; viewers nobody. */
export function canManageMember(actorRole: TRole, memberRole: TRole): boolean {
  if (actorRole === "owner") return true;
  return actorRole === "admin" && memberRole !== "owner";
}

/** The roles the person may hand out. */
export function assignableRoles(actorRole: TRole): TRole[] {
  if (actorRole === "owner") return ["owner", "admin", "viewer"];
  return actorRole === "admin" ? ["admin", "viewer"] : [];
}

export const ROLE_LABELS: Record<TRole, string> = { owner: "Owner", admin: "Admin", viewer: "Viewer (read-only)" };
