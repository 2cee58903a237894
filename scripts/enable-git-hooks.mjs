// `npm install` runs this (the "prepare" script): point git at the versioned hooks in .githooks/. Outside a git
// checkout (a tarball, a Docker build context) there is nothing to enable, and that must not fail the install.
import { execFileSync } from "node:child_process";

try {
  execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { stdio: "ignore" });
  execFileSync("git", ["config", "core.hooksPath", ".githooks"], { stdio: "ignore" });
} catch {
  // not a git checkout, or no git: nothing to do
}
