import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-shell/app-header";
import { OrgProvider } from "@/components/app-shell/org-context";
import { requireSignedInUser } from "@/lib/auth/current-session.server";

export const dynamic = "force-dynamic";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgId: string }>;
}) {
  const { orgId } = await params;
  const user = await requireSignedInUser(`/orgs/${orgId}/integrations`);
  const membership = user.organizations.find((org) => org.id === orgId);
  // Same answer for an organization that does not exist and one the person is not in.
  if (!membership) notFound();
  const value = {
    orgId,
    orgName: membership.name,
    role: membership.role,
    canWrite: membership.role !== "viewer",
    organizations: user.organizations,
  };
  return (
    <OrgProvider value={value}>
      <AppHeader email={user.email} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </OrgProvider>
  );
}
