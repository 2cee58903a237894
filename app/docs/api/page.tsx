import type { Metadata } from "next";
import { headers } from "next/headers";

export const metadata: Metadata = { title: "API reference" };

// Public like /openapi.json: people building a frontend read it before they have a key. The page's nonce is handed
// to Scalar through the meta tag it reads, so the styles it injects pass the page's Content-Security-Policy.
export default async function ApiReferencePage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <>
      <meta property="csp-nonce" content={nonce} />
      <main id="main" aria-label="API reference">
        <noscript>The API reference needs JavaScript; the document itself is at /openapi.json.</noscript>
        <div id="api-reference" />
      </main>
      <script src="/docs/api/reference.js" nonce={nonce} async />
    </>
  );
}
