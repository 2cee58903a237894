import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/setup/auth-card";
import { SetupForm } from "@/components/setup/setup-form";
import { isSetupPending } from "@/lib/orgs/first-run-setup";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

// Only while the database has no user; afterwards this page is gone for good (and POST /first-run-setup answers 409).
export default async function SetupPage() {
  if (!(await isSetupPending())) redirect("/signin");
  return (
    <AuthCard
      title="Set up Org Integrations"
      intro="Create your organization and its owner account. You can invite your team afterwards."
    >
      <SetupForm />
    </AuthCard>
  );
}
