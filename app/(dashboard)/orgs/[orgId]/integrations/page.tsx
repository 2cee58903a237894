import type { Metadata } from "next";
import { IntegrationsList } from "@/components/integrations/integrations-list";

export const metadata: Metadata = { title: "Integrations" };

export default function IntegrationsPage() {
  return <IntegrationsList />;
}
