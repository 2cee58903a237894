// The pages behind a one-time link (invite, password reset). The token is the last path segment. Opening the page
// changes nothing (only its form's POST uses the link up), and the page sends no Referer, so the token in its address
// never reaches another site.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { UsedUpLinkCard } from "@/components/setup/auth-card";

export const oneTimeLinkMetadata = (title: string): Metadata => ({ title, referrer: "no-referrer" });

type UsedUpText = { title: string; intro: string };

/**
 * A page for one kind of link: `find` opens the token (null once it is used up, withdrawn or expired), `render` shows
 * what it opened with the token as the address carries it (the form posts it back).
 */
export function oneTimeLinkPage<T>(
  find: (token: string) => Promise<T | null>,
  usedUp: UsedUpText,
  render: (found: T, token: string) => ReactNode,
) {
  return async function OneTimeLinkPage({ params }: { params: Promise<{ token: string }> }) {
    const { token } = await params;
    const decoded = decodedToken(token);
    const found = decoded === null ? null : await find(decoded);
    return found ? render(found, token) : <UsedUpLinkCard title={usedUp.title} intro={usedUp.intro} />;
  };
}

/** Null when the address holds no valid percent-encoding (anyone can type one): such a link opens nothing. */
function decodedToken(token: string): string | null {
  try {
    return decodeURIComponent(token);
  } catch {
    return null;
  }
}
