"use client";

import { RowButton } from "@/components/ui/row-button";
import { inputClass } from "@/components/ui/styles";
import type { TRole } from "@/lib/validations/api-key-response";
import { fullDate, timeAgo } from "@/lib/ui/format";
import type { TMember } from "@/lib/validations/member-response";
import { assignableRoles, canManageMember, ROLE_LABELS } from "./member-permissions";

type Props = {
  members: TMember[];
  actorRole: TRole;
  currentEmail: string;
  isChanging: boolean;
  onChangeRole: (member: TMember, role: TRole) => void;
  onRemove: (member: TMember) => void;
  onResetPassword: (member: TMember) => void;
};

// A list of cards rather than a table: it stays one column on a phone, with nothing wider than the screen.
export function MemberList({
  members,
  actorRole,
  currentEmail,
  isChanging,
  onChangeRole,
  onRemove,
  onResetPassword,
}: Props) {
  return (
    <ul className="divide-y divide-slate-100">
      {members.map((member) => {
        const isSelf = member.email === currentEmail;
        const canManage = canManageMember(actorRole, member.role);
        const selectId = `role-${member.user_id}`;
        return (
          <li
            key={member.user_id}
            data-testid="member-row"
            className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between"
          >
            <div className="min-w-0">
              <p className="font-medium break-all text-slate-900">
                {member.email} {isSelf && <span className="text-sm font-normal text-slate-700">(you)</span>}
              </p>
              <p className="text-sm text-slate-700">
                {member.name ? `${member.name} · ` : ""}member since{" "}
                <time dateTime={member.created_at} title={fullDate(member.created_at)}>
                  {timeAgo(member.created_at)}
                </time>
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {canManage ? (
                <>
                  <label htmlFor={selectId} className="sr-only">
                    Role of {member.email}
                  </label>
                  <select
                    id={selectId}
                    className={`${inputClass} w-auto`}
                    value={member.role}
                    disabled={isChanging}
                    onChange={(event) => onChangeRole(member, event.target.value as TRole)}
                  >
                    {assignableRoles(actorRole).map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                </>
              ) : (
                <span className="rounded bg-slate-100 px-2 py-1 text-sm font-medium text-slate-800">
                  {ROLE_LABELS[member.role]}
                </span>
              )}
              {actorRole === "owner" && !isSelf && (
                <RowButton
                  variant="secondary"
                  label={`Reset password of ${member.email}`}
                  onClick={() => onResetPassword(member)}
                >
                  Reset password
                </RowButton>
              )}
              {canManage && (
                <RowButton variant="danger" label={`Remove ${member.email}`} onClick={() => onRemove(member)}>
                  Remove
                </RowButton>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
