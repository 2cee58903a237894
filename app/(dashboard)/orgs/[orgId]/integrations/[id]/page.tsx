import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IntegrationDetailView } from "@/components/integrations/integration-detail";
import { configuredOAuthTypes } from "@/lib/oauth/oauth-settings";
import { ZUuid } from "@/lib/validations/integration";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; reconnected?: string; oauth_error?: string }>;
}) {
  const { id } = await params;
  if (!ZUuid.safeParse(id).success) notFound();
  const query = await searchParams;
  return (
    <IntegrationDetailView
      id={id}
      isJustCreated={query.created === "1"}
      oauth={{
        types: configuredOAuthTypes(),
        isJustReconnected: query.reconnected === "1",
        error: query.oauth_error ?? null,
      }}
    />
  );
}
