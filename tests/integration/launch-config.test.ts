// The launcher refuses a production start without proper secrets, before anything is started or opened.
import { describe, expect, it } from "vitest";
import { launchStart } from "../helpers/launch-start";

describe("npm start in production", () => {
  it("stops with a clear message when secrets are missing", async () => {
    const result = await launchStart({ NODE_ENV: "production" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ENCRYPTION_KEY and NEXTAUTH_SECRET must be set/);
  });

  it("stops with a clear message when the key is malformed", async () => {
    const result = await launchStart({
      NODE_ENV: "production",
      ENCRYPTION_KEY: "bm90LTMyLWJ5dGVz",
      NEXTAUTH_SECRET: "s".repeat(40),
      NEXTAUTH_URL: "https://integrations.example.test", // valid, so the key is what gets reported
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ENCRYPTION_KEY must be 32 bytes/);
  });
});
