"use client";

import { useState } from "react";
import { useOrg } from "@/components/app-shell/org-context";
import { ConfirmDialog, mutationDialogProps } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { cardClass } from "@/components/ui/styles";
import type { TInvite, TMember } from "@/lib/validations/member-response";
import { InviteMemberForm } from "./invite-member-form";
import { MemberList } from "./member-list";
import { assignableRoles } from "./member-permissions";
import { OneTimeLink, type TOneTimeLink } from "./one-time-link";
import { PendingInvites } from "./pending-invites";
import { useMembers } from "./use-members";

export function MembersPanel({ currentEmail }: { currentEmail: string }) {
  const { orgId, role, canWrite } = useOrg();
  const { list, invite, changeRole, remove, revokeInvite, resetPassword } = useMembers(orgId);
  const [shown, setShown] = useState<TOneTimeLink | null>(null);
  const [toRemove, setToRemove] = useState<TMember | null>(null);
  const [toRevoke, setToRevoke] = useState<TInvite | null>(null);

  async function createInvite(values: { email: string; role: TMember["role"] }) {
    const created = await invite.mutateAsync(values);
    setShown({ kind: "invite", email: created.invite.email, url: created.invite_url });
  }
  const actionError = changeRole.error?.message ?? resetPassword.error?.message ?? revokeInvite.error?.message ?? null;

  return (
    <div className="space-y-6">
      <PageHeader title="Members">
        Owners manage everyone; admins manage admins and viewers. A removed member is signed out at once; a new role
        applies from their next click.
      </PageHeader>
      {shown && <OneTimeLink link={shown} onHide={() => setShown(null)} />}
      {canWrite && (
        <InviteMemberForm roles={assignableRoles(role)} onInvite={createInvite} error={invite.error?.message ?? null} />
      )}
      {actionError && (
        <Notice tone="error" title="That did not work">
          {actionError}
        </Notice>
      )}
      <section aria-labelledby="members-heading" className={cardClass}>
        <h2 id="members-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold text-slate-900">
          People in this organization
        </h2>
        <QueryState query={list} loadingLabel="Loading members…" errorTitle="The members could not be loaded">
          {(data) => (
            <MemberList
              members={data.members}
              actorRole={role}
              currentEmail={currentEmail}
              isChanging={changeRole.isPending}
              onChangeRole={(member, newRole) => changeRole.mutate({ userId: member.user_id, role: newRole })}
              onRemove={(member) => setToRemove(member)}
              onResetPassword={(member) =>
                resetPassword.mutate(member.user_id, {
                  onSuccess: (created) => setShown({ kind: "reset", email: member.email, url: created.reset_url }),
                })
              }
            />
          )}
        </QueryState>
      </section>
      {list.data && (
        <section aria-labelledby="invites-heading" className={cardClass}>
          <h2
            id="invites-heading"
            className="border-b border-slate-200 px-4 py-3 text-base font-semibold text-slate-900"
          >
            Pending invites
          </h2>
          <PendingInvites
            invites={list.data.invites}
            actorRole={role}
            onNewLink={(pending) => void createInvite({ email: pending.email, role: pending.role }).catch(() => {})}
            onRevoke={(pending) => setToRevoke(pending)}
          />
        </section>
      )}
      <ConfirmDialog
        isOpen={toRemove !== null}
        title={`Remove ${toRemove?.email ?? ""}?`}
        confirmLabel="Remove member"
        {...mutationDialogProps(remove, () => setToRemove(null))}
        onConfirm={() => toRemove && remove.mutate(toRemove.user_id, { onSuccess: () => setToRemove(null) })}
      >
        <p>They are signed out at once and the API keys they created are revoked. You can invite them again later.</p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={toRevoke !== null}
        title={`Revoke the invite of ${toRevoke?.email ?? ""}?`}
        confirmLabel="Revoke invite"
        {...mutationDialogProps(revokeInvite, () => setToRevoke(null))}
        onConfirm={() => toRevoke && revokeInvite.mutate(toRevoke.id, { onSuccess: () => setToRevoke(null) })}
      >
        <p>The link they were sent stops working.</p>
      </ConfirmDialog>
    </div>
  );
}
