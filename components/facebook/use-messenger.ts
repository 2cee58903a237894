"use client";

// The inbox's data: conversations, one thread, sending a reply. Polls gently so new messages show up by themselves.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, apiPost } from "@/lib/ui/api-client";
import type { TConversation, TMessengerMessage } from "@/lib/ui/api-types";
import { queryKeys } from "@/lib/ui/query-keys";

const POLL_MS = 10_000;

export function useConversations(integrationId: string) {
  return useQuery({
    queryKey: queryKeys.conversations(integrationId),
    queryFn: () =>
      apiFetch<{ conversations: TConversation[] }>(`/organization-integration/${integrationId}/conversations?limit=100`).then((d) => d.conversations),
    refetchInterval: POLL_MS,
  });
}

export function useThread(integrationId: string, psid: string | null) {
  return useQuery({
    queryKey: [...queryKeys.messages(integrationId), psid],
    queryFn: () =>
      apiFetch<{ messages: TMessengerMessage[] }>(`/organization-integration/${integrationId}/messages?limit=100&psid=${psid}`).then(
        // The API answers newest first; a thread reads oldest first.
        (d) => [...d.messages].reverse(),
      ),
    enabled: psid !== null,
    refetchInterval: POLL_MS,
  });
}

export function useSendReply(integrationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { recipient_id: string; text: string }) =>
      apiPost<{ message: string; sent: unknown }>(`/organization-integration/${integrationId}/messages`, input),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.messages(integrationId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.conversations(integrationId) }),
        // A refused token (code 190) marks the integration as needing a new one: show it at once.
        queryClient.invalidateQueries({ queryKey: queryKeys.integration(integrationId) }),
      ]),
  });
}
