// The API reference's script: Scalar's prebuilt browser bundle from node_modules (served by us: no CDN, and the page's
// CSP allows scripts from this origin only), followed by the call that mounts it on /docs/api with the live document.
import { readFile } from "node:fs/promises";
import path from "node:path";

export const dynamic = "force-static";

const BUNDLE = path.join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser/standalone.js");

// Nothing leaves this origin: no web fonts (Scalar's come from its CDN), no telemetry, no developer toolbar.
const CONFIGURATION = {
  url: "/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: "never",
  hideDownloadButton: false,
  defaultOpenAllTags: false,
};

let script: Promise<string> | null = null;

// Scalar's stylesheet declares its web fonts (Inter, JetBrains Mono) on its CDN whatever withDefaultFonts says: those
// rules are dropped, and its font stacks fall back to the system's fonts.
const CDN_FONT_FACES = /@font-face\s*\{[^{}]*fonts\.scalar\.com[^{}]*\}/g;

async function buildScript(): Promise<string> {
  const bundle = (await readFile(BUNDLE, "utf8")).replace(CDN_FONT_FACES, "");
  return `${bundle}\n;Scalar.createApiReference("#api-reference", ${JSON.stringify(CONFIGURATION)});\n`;
}

export async function GET(): Promise<Response> {
  script ??= buildScript();
  return new Response(await script, {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
