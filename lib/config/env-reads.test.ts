// Settings are read in one place (lib/config/server-env.ts): app code asks it rather than process.env, so every setting
// is validated, has its default in one spot and is listed in .env.example. Tests may still set the environment.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["lib", "app", "components", "proxy.ts", "instrumentation.ts"];
const NOT_SCANNED = ["lib/config/", "lib/generated/"];
// Next replaces these with constants at build time (see the top of lib/config/server-env.ts).
const ENV_READ = /process\.env(?!\.(?:NODE_ENV|NEXT_RUNTIME)\b)/;

const isSource = (name: string) => /\.[cm]?[jt]sx?$/.test(name);

// Folders may look like files: app/docs/api/reference.js/ is a route.
function sourceFiles(relative: string): string[] {
  const absolute = path.join(ROOT, relative);
  if (!statSync(absolute).isDirectory()) return isSource(relative) ? [relative] : [];
  return readdirSync(absolute).flatMap((name) => sourceFiles(path.join(relative, name)));
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const isScanned = (file: string) => !isTest(file) && !NOT_SCANNED.some((folder) => file.startsWith(folder));

describe("process.env", () => {
  it("is read only in lib/config/, apart from NODE_ENV and NEXT_RUNTIME", () => {
    const files = SCANNED.flatMap(sourceFiles)
      .map((file) => file.split(path.sep).join("/"))
      .filter(isScanned);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((file) => ENV_READ.test(readFileSync(path.join(ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
