import type { Metadata } from "next";
import { NewIntegration } from "@/components/integrations/new-integration";
import { ZIntegrationType } from "@/lib/providers/integration-types";

export const metadata: Metadata = { title: "New integration" };

export default async function NewIntegrationPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const type = ZIntegrationType.safeParse((await searchParams).type);
  return <NewIntegration initialType={type.success ? type.data : null} />;
}
