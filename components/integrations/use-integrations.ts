"use client";

// TanStack Query hooks for integrations: the list, one integration, and the optimistic toggle and delete.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, apiFetchForOrg, apiPost, ApiError } from "@/lib/ui/api-client";
import type { TAttentionCount, TIntegrationDetail, TIntegrationListItem } from "@/lib/validations/integration-response";
import { queryKeys } from "@/lib/ui/query-keys";

/** The whole list, or with `needsAttention` only those the navigation's badge counts (lib/integrations/attention.ts). */
export function useIntegrations(orgId: string, options: { needsAttention?: boolean } = {}) {
  return useQuery({
    queryKey: options.needsAttention ? queryKeys.integrationsNeedingAttention(orgId) : queryKeys.integrations(orgId),
    queryFn: () =>
      apiFetchForOrg<{ integrations: TIntegrationListItem[] }>(
        "/organization-integrations",
        orgId,
        options.needsAttention ? { attention: "1" } : {},
      ).then((data) => data.integrations),
  });
}

/** How many integrations need attention (the navigation's badge). */
export function useAttentionCount(orgId: string) {
  return useQuery({
    queryKey: queryKeys.attentionCount(orgId),
    queryFn: () =>
      apiFetchForOrg<TAttentionCount>("/organization-integrations-attention", orgId).then((data) => data.count),
  });
}

export function useIntegration(id: string) {
  return useQuery({
    queryKey: queryKeys.integration(id),
    queryFn: () =>
      apiFetch<{ integration: TIntegrationDetail }>(`/organization-integration/${id}`).then((data) => data.integration),
    // A missing integration stays missing: no point asking again.
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });
}

type ToggleVariables = { integration: Pick<TIntegrationListItem, "id" | "name">; active: boolean };

/**
 * Flips the switch at once; if the server refuses, puts it back and reports why through `onRefused`.
 * The list and the detail caches are both updated, so every view agrees.
 */
export function useToggleIntegration(
  orgId: string,
  callbacks: { onRefused: (message: string) => void; onDone?: (message: string) => void },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ integration, active }: ToggleVariables) =>
      apiPost<{ message: string; integration: TIntegrationDetail }>("/toggle-organization-integration", {
        id: integration.id,
        active,
      }),
    onMutate: async ({ integration, active }) => {
      // Every list of the organization (all, needing attention) is under this key.
      const lists = { queryKey: queryKeys.integrations(orgId) };
      const detailKey = queryKeys.integration(integration.id);
      await Promise.all([queryClient.cancelQueries(lists), queryClient.cancelQueries({ queryKey: detailKey })]);
      const previousLists = queryClient.getQueriesData<TIntegrationListItem[]>(lists);
      const previousDetail = queryClient.getQueryData<TIntegrationDetail>(detailKey);
      queryClient.setQueriesData<TIntegrationListItem[]>(lists, (list) =>
        list?.map((item) => (item.id === integration.id ? { ...item, is_active: active } : item)),
      );
      queryClient.setQueryData<TIntegrationDetail>(detailKey, (detail) => detail && { ...detail, is_active: active });
      return { previousLists, previousDetail };
    },
    onError: (error, { integration, active }, context) => {
      for (const [key, list] of context?.previousLists ?? []) queryClient.setQueryData(key, list);
      queryClient.setQueryData(queryKeys.integration(integration.id), context?.previousDetail);
      const verb = active ? "activate" : "deactivate";
      const reason = (error as Error).message.replace(/[.!]?$/, ".");
      callbacks.onRefused(`Could not ${verb} “${integration.name}”: ${reason} The change was undone.`);
    },
    // Only active integrations need attention: a toggle can change the badge.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.attentionCount(orgId) }),
    onSuccess: (data) => {
      queryClient.setQueriesData<TIntegrationListItem[]>({ queryKey: queryKeys.integrations(orgId) }, (list) =>
        list?.map((item) =>
          item.id === data.integration.id ? { ...item, ...pickListFields(data.integration) } : item,
        ),
      );
      queryClient.setQueryData<TIntegrationDetail>(
        queryKeys.integration(data.integration.id),
        (detail) => detail && { ...detail, ...data.integration },
      );
      callbacks.onDone?.(`${data.message}: “${data.integration.name}”.`);
    },
  });
}

function pickListFields(detail: TIntegrationDetail): Partial<TIntegrationListItem> {
  return { is_active: detail.is_active, updated_at: detail.updated_at, name: detail.name };
}

export function useDeleteIntegration(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiPost<{ message: string }>("/delete-organization-integration", { id }),
    onSuccess: (_data, id) => {
      queryClient.setQueriesData<TIntegrationListItem[]>({ queryKey: queryKeys.integrations(orgId) }, (list) =>
        list?.filter((item) => item.id !== id),
      );
      queryClient.removeQueries({ queryKey: queryKeys.integration(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.attentionCount(orgId) });
    },
  });
}
