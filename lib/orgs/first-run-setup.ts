// First-run setup in the browser: while the database has no user, anyone who reaches the app creates the first
// organization and its owner. Once any user exists it is gone for good (409), however the user came to be
// (setup, `npm run org:create`, an invite).
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { createUser, prepareNewUser } from "@/lib/auth/new-user";
import { db } from "@/lib/db/prisma";

// Users are never all deleted by the app, so "set up" once seen stays true for this process: pages stop asking.
let hasSeenAUser = false;

export const SETUP_DONE_MESSAGE = "This app is already set up: sign in instead (an owner can invite you)";

export async function isSetupPending(): Promise<boolean> {
  if (hasSeenAUser) return false;
  hasSeenAUser = (await db().user.findFirst({ select: { id: true } })) !== null;
  return !hasSeenAUser;
}

export type FirstRunSetupInput = { organizationName: string; email: string; password: string; name?: string };

export async function completeFirstRunSetup(input: FirstRunSetupInput) {
  // Checked before the (slow, memory-hungry) hash, so replays after setup cost nothing.
  if (!(await isSetupPending())) throw new AppError("conflict", SETUP_DONE_MESSAGE);
  const newUser = await prepareNewUser(input);
  return db().$transaction(async (tx) => {
    // Two setups at the same moment: the second waits here for the first to commit, then finds its user and stops.
    // A transaction-level advisory lock: released at commit or rollback, never left behind.
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(7301113001)`;
    if (await tx.user.findFirst({ select: { id: true } })) throw new AppError("conflict", SETUP_DONE_MESSAGE);
    const user = await createUser(tx, newUser);
    const org = await tx.organization.create({ data: { name: input.organizationName } });
    await tx.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
    const actor = {
      kind: "user" as const,
      userId: user.id,
      email: user.email,
      roles: new Map([[org.id, "owner" as const]]),
    };
    await recordAudit(tx, {
      actor,
      orgId: org.id,
      action: "organization.set_up",
      targetType: "organization",
      targetId: org.id,
      changedFields: ["name", "owner"],
    });
    return { org_id: org.id, user_id: user.id, email: user.email };
  });
}
