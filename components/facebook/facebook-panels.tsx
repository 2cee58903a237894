"use client";

// Everything specific to a Facebook integration's page: the setup checklist, and (when the Messenger API is
// present) health warnings, "Test connection" and the inbox.
import type { TIntegrationDetail } from "@/lib/ui/api-types";
import { FacebookSetup } from "./facebook-setup";

export function FacebookPanels({ integration }: { integration: TIntegrationDetail }) {
  return <FacebookSetup integration={integration} />;
}
