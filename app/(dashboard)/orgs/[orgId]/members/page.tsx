import type { Metadata } from "next";
import { MembersPanel } from "@/components/members/members-panel";
import { requireSignedInUser } from "@/lib/auth/current-session.server";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const user = await requireSignedInUser(`/orgs/${orgId}/members`);
  return <MembersPanel currentEmail={user.email} />;
}
