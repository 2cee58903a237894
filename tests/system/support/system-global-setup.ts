// The system project runs the real production server: build it once (into its own folder) before any test.
import type { TestProject } from "vitest/node";
import { ensureProductionBuild, TEST_DIST_DIR } from "../../../scripts/production-build";

// The same build as the browser tests: one `npm test` builds once.
export const SYSTEM_DIST_DIR = TEST_DIST_DIR;

export default function setup(project: TestProject) {
  ensureProductionBuild(SYSTEM_DIST_DIR, (line) => console.log(`[system tests] ${line}`));
  project.provide("systemDistDir", SYSTEM_DIST_DIR);
}

declare module "vitest" {
  export interface ProvidedContext {
    systemDistDir: string;
  }
}
