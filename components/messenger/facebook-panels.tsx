"use client";

// Everything specific to a Facebook integration's page: the setup checklist, the connection's health and the inbox.
import { ConnectionCard } from "@/components/integrations/connection-card";
import type { TIntegrationDetail } from "@/lib/validations/integration-response";
import { FacebookInbox } from "./facebook-inbox";
import { FacebookSetup } from "./facebook-setup";

export function FacebookPanels({
  integration,
  isJustCreated,
}: {
  integration: TIntegrationDetail;
  isJustCreated: boolean;
}) {
  const setup = <FacebookSetup integration={integration} />;
  // Right after creation the setup steps come first; later, the inbox is what people come for.
  return isJustCreated ? (
    <>
      {setup}
      <ConnectionCard integration={integration} />
      <FacebookInbox integrationId={integration.id} />
    </>
  ) : (
    <>
      <ConnectionCard integration={integration} />
      <FacebookInbox integrationId={integration.id} />
      {setup}
    </>
  );
}
