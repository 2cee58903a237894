// What the webhook test files share: no server-wide App Secret (each test decides per integration whether one
// exists) and fresh App Secrets.
import { randomBytes } from "node:crypto";
import { afterAll, vi } from "vitest";
import { withOrg } from "./org-with-fake-graph";
import type { TestOrg } from "./seed";

export const newSecret = () => randomBytes(16).toString("hex");

/** FACEBOOK_APP_SECRET unset for this file (call at its top, before the first serverEnv() read); undone at the end. */
export function withoutServerAppSecret(): void {
  vi.stubEnv("FACEBOOK_APP_SECRET", undefined);
  afterAll(() => {
    vi.unstubAllEnvs();
  });
}

/** One fresh org for the file, and no server-wide App Secret. */
export function withWebhookOrg(ready: (org: TestOrg) => unknown): void {
  vi.stubEnv("FACEBOOK_APP_SECRET", undefined);
  withOrg(ready);
}
