"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetchForOrg, apiPost } from "@/lib/ui/api-client";
import type { TRole } from "@/lib/validations/api-key-response";
import { queryKeys } from "@/lib/ui/query-keys";
import type {
  TInviteMemberResponse,
  TMemberListResponse,
  TPasswordResetResponse,
} from "@/lib/validations/member-response";

export type TInviteCreated = TInviteMemberResponse;

/** The members list and every change to it; each change reloads the list (and the page, whose role may have moved). */
export function useMembers(orgId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.members(orgId) });
    router.refresh();
  };
  const list = useQuery({
    queryKey: queryKeys.members(orgId),
    queryFn: () => apiFetchForOrg<TMemberListResponse>("/organization-members", orgId),
  });
  const invite = useMutation({
    mutationFn: (input: { email: string; role: TRole }) =>
      apiPost<TInviteCreated>("/invite-organization-member", { org_id: orgId, ...input }),
    onSuccess: refresh,
  });
  const changeRole = useMutation({
    mutationFn: (input: { userId: string; role: TRole }) =>
      apiPost("/update-organization-member", { org_id: orgId, user_id: input.userId, role: input.role }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => apiPost("/remove-organization-member", { org_id: orgId, user_id: userId }),
    onSuccess: refresh,
  });
  const revokeInvite = useMutation({
    mutationFn: (id: string) => apiPost("/revoke-organization-invite", { id }),
    onSuccess: refresh,
  });
  const resetPassword = useMutation({
    mutationFn: (userId: string) =>
      apiPost<TPasswordResetResponse>("/create-password-reset", { org_id: orgId, user_id: userId }),
  });
  return { list, invite, changeRole, remove, revokeInvite, resetPassword };
}
