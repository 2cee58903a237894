// A production build in its own folder (never `.next`, which developers use), for the browser tests, the system
// tests and the bench. Rebuilt only when a source file is newer than it, so one `npm test` builds once.
// `next build` rewrites tsconfig.json and next-env.d.ts to point at its folder: both are put back afterwards, dates
// included, so a throwaway build never changes the project's configuration.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The build the test suites share. */
export const TEST_DIST_DIR = ".next-test";

const SOURCES = [
  "app",
  "components",
  "lib",
  "next.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "prisma/schema.prisma",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "node_modules" || child === "generated" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function isBuildCurrent(distDir: string): boolean {
  const buildId = path.join(distDir, "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestMtime(source) <= builtAt);
}

/** Builds into `distDir` (relative to the project root, the working directory) unless a current build is there. */
export function ensureProductionBuild(distDir: string, log: (line: string) => void = console.error): void {
  if (isBuildCurrent(distDir) && !process.env.FORCE_BUILD) {
    log(`Reusing the build in ${distDir} (newer than the sources).`);
    return;
  }
  const kept = ["tsconfig.json", "next-env.d.ts"]
    .filter((file) => existsSync(file))
    .map((file) => ({ file, text: readFileSync(file, "utf8"), stat: statSync(file) }));
  const started = Date.now();
  log(`Building the app into ${distDir} (next build)…`);
  const result = spawnSync(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), "build"], {
    // Types are checked by `npm run typecheck`; a second check here would only slow every test run.
    env: {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_SKIP_TYPECHECK: "1",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const { file, text, stat } of kept) {
    if (readFileSync(file, "utf8") === text) continue;
    writeFileSync(file, text);
    utimesSync(file, stat.atime, stat.mtime);
  }
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
