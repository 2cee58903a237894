"use client";

// The inbox's conversation list, page by page (newest first, "load more" follows next_before), and marking a
// conversation read. Invalidating queryKeys.conversations(id) refreshes every loaded page.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { apiFetch, apiPost } from "@/lib/ui/api-client";
import type { TConversation, TConversationPage } from "@/lib/validations/messenger-response";
import { queryKeys } from "@/lib/ui/query-keys";

const PAGE_SIZE = 50;
const POLL_MS = 10_000;

export function useConversationList(integrationId: string, options: { refetchInterval?: number | false } = {}) {
  const query = useInfiniteQuery({
    queryKey: [...queryKeys.conversations(integrationId), "pages"],
    queryFn: ({ pageParam }) =>
      apiFetch<TConversationPage>(
        `/organization-integration/${integrationId}/conversations?limit=${PAGE_SIZE}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_before,
    refetchInterval: options.refetchInterval ?? POLL_MS,
  });
  // A conversation that became active between two page loads is on both: the newer copy (first page) wins.
  const conversations = useMemo(() => {
    const seen = new Set<string>();
    return (query.data?.pages ?? [])
      .flatMap((page) => page.conversations)
      .filter((conversation: TConversation) => {
        if (seen.has(conversation.psid)) return false;
        seen.add(conversation.psid);
        return true;
      });
  }, [query.data]);
  return { ...query, conversations };
}

export function useMarkRead(integrationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (psid: string) =>
      apiPost<{ conversation: TConversation }>(
        `/organization-integration/${integrationId}/conversations/${psid}/read`,
        {},
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.conversations(integrationId) }),
  });
}
