import { describe, expect, it } from "vitest";
import { parseServerEnv } from "./server-env";

const production = {
  NODE_ENV: "production",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  NEXTAUTH_SECRET: "x".repeat(40),
};

describe("NEXTAUTH_URL in production", () => {
  it("must be https, so session cookies are Secure", () => {
    expect(() => parseServerEnv(production)).toThrow(/NEXTAUTH_URL must be the https:\/\/ address/);
    expect(() => parseServerEnv({ ...production, NEXTAUTH_URL: "http://integrations.example.test" })).toThrow(
      /ALLOW_INSECURE_HTTP=1/,
    );
    expect(parseServerEnv({ ...production, NEXTAUTH_URL: "https://integrations.example.test" }).NEXTAUTH_URL).toBe(
      "https://integrations.example.test",
    );
  });

  it("may be plain HTTP only with the explicit opt-out, or outside production", () => {
    expect(() =>
      parseServerEnv({ ...production, NEXTAUTH_URL: "http://lab.test:3000", ALLOW_INSECURE_HTTP: "1" }),
    ).not.toThrow();
    expect(() =>
      parseServerEnv({ ...production, NODE_ENV: "development", NEXTAUTH_URL: "http://localhost:3000" }),
    ).not.toThrow();
    expect(() => parseServerEnv({ ...production, NEXTAUTH_URL: "https://x.test", ALLOW_INSECURE_HTTP: "yes" })).toThrow(
      /ALLOW_INSECURE_HTTP/,
    );
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it("defaults to 0 (clients connect directly) and accepts a small whole number", () => {
    const https = { ...production, NEXTAUTH_URL: "https://x.test" };
    expect(parseServerEnv(https).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseServerEnv({ ...https, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseServerEnv({ ...https, TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseServerEnv({ ...https, TRUSTED_PROXY_HOPS: "one" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
