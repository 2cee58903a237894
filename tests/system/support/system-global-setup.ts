// The system project runs the real production server: build it once (into its own folder) before any test.
import type { TestProject } from "vitest/node";
import { ensureBuild } from "../../../bench/support/build";

export const SYSTEM_DIST_DIR = ".next-system";

export default function setup(project: TestProject) {
  ensureBuild(SYSTEM_DIST_DIR, (line) => console.log(`[system tests] ${line}`));
  project.provide("systemDistDir", SYSTEM_DIST_DIR);
}

declare module "vitest" {
  export interface ProvidedContext {
    systemDistDir: string;
  }
}
