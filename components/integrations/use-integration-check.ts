"use client";

// Test connection and Subscribe again: a POST on one integration whose answer updates its card.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "@/lib/ui/api-client";
import { queryKeys } from "@/lib/ui/query-keys";

export function useIntegrationCheck<TResult>(
  integration: { id: string; org_id: string },
  action: "test" | "subscribe",
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<TResult>(`/organization-integration/${integration.id}/${action}`, {}),
    // A check or a subscription can start or end a need for attention (the navigation's badge).
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.integration(integration.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.attentionCount(integration.org_id) }),
      ]),
  });
}
