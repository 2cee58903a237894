import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { IntegrationsList } from "@/components/integrations/integrations-list";
import { listIntegrations } from "@/lib/integrations/list-integrations";
import { actorOf, requireSignedInUser } from "@/lib/auth/current-session.server";
import { queryKeys } from "@/lib/ui/query-keys";

export const metadata: Metadata = { title: "Integrations" };

type Props = { params: Promise<{ orgId: string }>; searchParams: Promise<{ attention?: string | string[] }> };

// The list arrives rendered with the page, through the same service and rules as the API, then lives in the
// browser's query cache (hydrated under the key the client would fetch it with). If the read fails here, the
// client fetches it and shows its own error and Retry.
export default async function IntegrationsPage({ params, searchParams }: Props) {
  const [{ orgId }, { attention }] = await Promise.all([params, searchParams]);
  const needsAttention = attention === "1";
  const user = await requireSignedInUser(`/orgs/${orgId}/integrations`);
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery({
    queryKey: needsAttention ? queryKeys.integrationsNeedingAttention(orgId) : queryKeys.integrations(orgId),
    queryFn: () => listIntegrations({ actor: actorOf(user), orgId, needsAttentionOnly: needsAttention }),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <IntegrationsList />
    </HydrationBoundary>
  );
}
