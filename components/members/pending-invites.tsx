"use client";

import { RowButton } from "@/components/ui/row-button";
import type { TRole } from "@/lib/validations/api-key-response";
import { fullDate } from "@/lib/ui/format";
import type { TInvite } from "@/lib/validations/member-response";
import { canManageMember, ROLE_LABELS } from "./member-permissions";

// A pending invite's link was shown once and is stored hashed: "New link" replaces it with a fresh one to copy.
export function PendingInvites({
  invites,
  actorRole,
  onNewLink,
  onRevoke,
}: {
  invites: TInvite[];
  actorRole: TRole;
  onNewLink: (invite: TInvite) => void;
  onRevoke: (invite: TInvite) => void;
}) {
  if (invites.length === 0) return <p className="p-4 text-sm text-slate-700">No pending invites.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {invites.map((invite) => (
        <li
          key={invite.id}
          data-testid="invite-row"
          className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between"
        >
          <div className="min-w-0">
            <p className="font-medium break-all text-slate-900">{invite.email}</p>
            <p className="text-sm text-slate-700">
              {ROLE_LABELS[invite.role]} · link valid until {fullDate(invite.expires_at)}
            </p>
          </div>
          {canManageMember(actorRole, invite.role) && (
            <div className="flex flex-wrap gap-2">
              <RowButton variant="secondary" label={`New link for ${invite.email}`} onClick={() => onNewLink(invite)}>
                New link
              </RowButton>
              <RowButton
                variant="danger"
                label={`Revoke the invite of ${invite.email}`}
                onClick={() => onRevoke(invite)}
              >
                Revoke
              </RowButton>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
