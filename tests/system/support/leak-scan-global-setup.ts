// vitest globalSetup of the integration projects: gives the run a capture folder, and after the last test scans
// everything captured. A leak fails the run (exit code 1) and keeps the captures for inspection.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { scanForLeaks } from "./leak-scan";

// Configuration secrets of the test environment (tests/setup/test-env.ts): never in a response or a log line.
const CONFIGURED_SECRETS = [
  "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1sb24=",
  "test-nextauth-secret-that-is-long-enough-0123456789",
];

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), `oi-leak-scan-${project.name}-`));
  project.provide("leakScanDir", dir);
  return () => {
    const { hits, secrets, responses, logLines } = scanForLeaks(dir, CONFIGURED_SECRETS);
    if (hits.length) {
      const detail = hits
        .slice(0, 20)
        .map((hit) => `  ${hit.secretPreview} (${hit.form}) in ${hit.file}:${hit.line}`)
        .join("\n");
      // Thrown errors in a global teardown do not fail a vitest run (and skip the other teardowns): set the code.
      console.error(
        `\nSECRET LEAK SCAN FAILED (${project.name}): ${hits.length} hit(s); captures kept in ${dir}\n${detail}\n`,
      );
      process.exitCode = 1;
      return;
    }
    // Counts only: the summary names no value.
    const summary = `${secrets} sensitive values checked against ${responses} responses and ${logLines} log lines`;
    console.log(`[leak scan ${project.name}] ${summary}: no leak.`);
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    leakScanDir: string;
  }
}
