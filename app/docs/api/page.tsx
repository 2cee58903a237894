import type { Metadata } from "next";
import { headers } from "next/headers";

export const metadata: Metadata = { title: "API reference" };

// Public like /openapi.json: people building a frontend read it before they have a key. Its script carries the page's
// nonce; its styles are allowed inline (PAGES_WITH_INLINE_STYLES in lib/security/content-security-policy.ts).
export default async function ApiReferencePage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <>
      <main id="main" aria-label="API reference">
        <noscript>The API reference needs JavaScript; the document itself is at /openapi.json.</noscript>
        <div id="api-reference" />
      </main>
      <script src="/docs/api/reference.js" nonce={nonce} async />
    </>
  );
}
