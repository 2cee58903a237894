// Builds the production app into its own folder (.next-e2e), skipping the build when it is newer than every source.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const E2E_DIST_DIR = ".next-e2e";
const SOURCES = ["app", "components", "lib", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "node_modules" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function buildAppIfStale(root: string) {
  const buildId = path.join(root, E2E_DIST_DIR, "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((entry) => newestMtime(path.join(root, entry))));
  if (builtAt > sourcesAt && !process.env.E2E_FORCE_BUILD) {
    console.log(`[e2e] Reusing the build in ${E2E_DIST_DIR} (newer than the sources).`);
    return;
  }
  // `next build` rewrites tsconfig.json and next-env.d.ts to point at its dist folder: put them back afterwards so a
  // test run leaves the working tree as it found it.
  const kept = ["tsconfig.json", "next-env.d.ts"].map((file) => {
    const full = path.join(root, file);
    return existsSync(full) ? { full, text: readFileSync(full, "utf8"), stat: statSync(full) } : { full, text: null, stat: null };
  });
  const started = Date.now();
  console.log(`[e2e] Building the app into ${E2E_DIST_DIR}…`);
  const result = spawnSync(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), "build"], {
    cwd: root,
    env: { ...process.env, NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", NEXT_SKIP_TYPECHECK: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  for (const { full, text, stat } of kept) {
    if (text === null || !stat) continue;
    writeFileSync(full, text);
    utimesSync(full, stat.atime, stat.mtime); // unchanged content, unchanged date: the next run may reuse this build
  }
  if (result.status !== 0) {
    throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`[e2e] Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
