import type { Metadata } from "next";
import { NewIntegration } from "@/components/integrations/new-integration";
import { configuredOAuthTypes } from "@/lib/oauth/oauth-settings";
import { ZIntegrationType } from "@/lib/providers/integration-types";

export const metadata: Metadata = { title: "New integration" };

export default async function NewIntegrationPage({
  searchParams,
}: {
  searchParams: Promise<{ type?: string; oauth_error?: string }>;
}) {
  const query = await searchParams;
  const type = ZIntegrationType.safeParse(query.type);
  return (
    <NewIntegration
      initialType={type.success ? type.data : null}
      oauthTypes={configuredOAuthTypes()}
      oauthError={query.oauth_error ?? null}
    />
  );
}
