import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IntegrationDetailView } from "@/components/integrations/integration-detail";
import { ZUuid } from "@/lib/validations/integration";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  if (!ZUuid.safeParse(id).success) notFound();
  const isJustCreated = (await searchParams).created === "1";
  return <IntegrationDetailView id={id} isJustCreated={isJustCreated} />;
}
