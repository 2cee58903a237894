"use client";

// The audit log, page by page (newest first; "load more" follows next_before), and who appears in it.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiFetchForOrg } from "@/lib/ui/api-client";
import { queryKeys } from "@/lib/ui/query-keys";
import type {
  TAuditActor,
  TAuditActorListResponse,
  TAuditEntry,
  TAuditLogResponse,
} from "@/lib/validations/api-key-response";

export type { TAuditActor, TAuditEntry };
export type AuditFilters = { action: string; actor_id: string; integration_id: string };

const PAGE_SIZE = 50;

export function useAuditLog(orgId: string, filters: AuditFilters, options: { enabled: boolean }) {
  return useInfiniteQuery({
    enabled: options.enabled,
    queryKey: [...queryKeys.auditLog(orgId), filters],
    queryFn: ({ pageParam }) => {
      const params: Record<string, string> = { limit: String(PAGE_SIZE) };
      for (const [name, value] of Object.entries(filters)) if (value) params[name] = value;
      if (pageParam) params.before = pageParam;
      return apiFetchForOrg<TAuditLogResponse>("/organization-audit-log", orgId, params);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_before,
  });
}

export function useAuditActors(orgId: string) {
  return useQuery({
    queryKey: queryKeys.auditActors(orgId),
    queryFn: () =>
      apiFetchForOrg<TAuditActorListResponse>("/organization-audit-actors", orgId).then((data) => data.actors),
  });
}
