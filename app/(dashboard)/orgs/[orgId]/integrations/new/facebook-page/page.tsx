import type { Metadata } from "next";
import { FacebookPagePicker } from "@/components/oauth/facebook-page-picker";
import { OAuthErrorNotice } from "@/components/oauth/oauth-error-notice";

export const metadata: Metadata = { title: "Choose the Facebook Page" };

// Step 3 of "Connect with Facebook" (lib/oauth/facebook-page-connect.ts); `pick` is the signed, single-use state.
export default async function FacebookPagePickPage({ searchParams }: { searchParams: Promise<{ pick?: string }> }) {
  const { pick } = await searchParams;
  if (!pick) return <OAuthErrorNotice code="invalid_state" />;
  return <FacebookPagePicker pick={pick} />;
}
