// A production build in its own folder (never `.next`, which developers use), rebuilt only when a source file is
// newer than it. `next build` adds its folder's type globs to tsconfig.json; that file is restored afterwards so a
// throwaway build never changes the project's configuration (nor makes `tsc` read stale generated types).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const SOURCE_ROOTS = ["app", "lib", "components", "next.config.ts", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export function isBuildCurrent(distDir: string): boolean {
  const buildId = path.join(distDir, "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return SOURCE_ROOTS.every((root) => newestMtime(root) <= built);
}

/** Builds into `distDir` unless a build newer than every source file is already there. */
export function ensureBuild(distDir: string, log: (line: string) => void = console.error): void {
  if (isBuildCurrent(distDir)) return;
  log(`Building the app into ${distDir} (next build)…`);
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  try {
    const result = spawnSync(process.execPath, [nextBin, "build"], {
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  }
}
