// The pages behind a one-time link (invite, password reset). The token is the last path segment. Opening the page
// changes nothing (only its form's POST uses the link up), and the page sends no Referer, so the token in its address
// never reaches another site.
import type { Metadata } from "next";

export const oneTimeLinkMetadata = (title: string): Metadata => ({ title, referrer: "no-referrer" });

/** The token as the address carries it (the form posts it back) and what it opens, or null once it is used up. */
export async function openOneTimeLink<T>(
  params: Promise<{ token: string }>,
  find: (token: string) => Promise<T | null>,
): Promise<{ token: string; found: T | null }> {
  const { token } = await params;
  return { token, found: await find(decodeURIComponent(token)) };
}
