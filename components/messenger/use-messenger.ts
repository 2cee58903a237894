"use client";

// The inbox's data besides the conversation list (use-conversation-list.ts): one thread, sending a reply (text as JSON,
// a file as multipart) and retrying a failed one. New messages arrive through the live stream (use-inbox-events.ts);
// the caller polls only while that stream is down.
import { useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { apiFetch, apiPost } from "@/lib/ui/api-client";
import type { TMessagePage, TSendResult } from "@/lib/validations/messenger-response";
import { queryKeys } from "@/lib/ui/query-keys";

const THREAD_PAGE_SIZE = 50;

export type TReplyAnswer = TSendResult;

/** One person's thread, newest page first; fetchNextPage() loads older messages (keyset `before`). */
export function useThread(integrationId: string, psid: string | null, options: { refetchInterval: number | false }) {
  const query = useInfiniteQuery({
    queryKey: [...queryKeys.messages(integrationId), psid],
    queryFn: ({ pageParam }) =>
      apiFetch<TMessagePage>(
        `/organization-integration/${integrationId}/messages?limit=${THREAD_PAGE_SIZE}&psid=${psid}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_before,
    enabled: psid !== null,
    refetchInterval: options.refetchInterval,
  });
  // The API answers newest first; a thread reads oldest first. A message on two pages (the first page moved on
  // between two loads) is shown once.
  const messages = useMemo(() => {
    const seen = new Set<string>();
    const newestFirst = (query.data?.pages ?? [])
      .flatMap((page) => page.messages)
      .filter((message) => !seen.has(message.id) && seen.add(message.id));
    return newestFirst.reverse();
  }, [query.data]);
  return { ...query, messages };
}

function refreshInbox(queryClient: QueryClient, integrationId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.messages(integrationId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.conversations(integrationId) }),
    // A refused token (code 190) marks the integration as needing a new one: show it at once.
    queryClient.invalidateQueries({ queryKey: queryKeys.integration(integrationId) }),
  ]);
}

export type TReplyInput = { recipient_id: string; text: string; tag?: "HUMAN_AGENT"; file?: File | null };

export function useSendReply(integrationId: string) {
  const queryClient = useQueryClient();
  const path = `/organization-integration/${integrationId}/messages`;
  return useMutation({
    mutationFn: ({ file, ...input }: TReplyInput) => {
      const fields = {
        recipient_id: input.recipient_id,
        ...(input.text.trim() ? { text: input.text } : {}),
        ...(input.tag ? { tag: input.tag } : {}),
      };
      if (!file) return apiPost<TReplyAnswer>(path, fields);
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append("file", file, file.name);
      return apiPost<TReplyAnswer>(path, form);
    },
    onSettled: () => refreshInbox(queryClient, integrationId),
  });
}

export function useRetryReply(integrationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      apiPost<TReplyAnswer>(`/organization-integration/${integrationId}/messages/${messageId}/retry`, {}),
    onSettled: () => refreshInbox(queryClient, integrationId),
  });
}
