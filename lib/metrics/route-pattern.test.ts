import { describe, expect, it } from "vitest";
import { routePatternOf } from "./route-pattern";

describe("routePatternOf", () => {
  it("turns the segments Next matched as params into their names", () => {
    const id = "0b6f2c58-3a1e-4c57-9d7e-2f4a1b9c8e71";
    expect(routePatternOf(`/organization-integration/${id}/messages`, { integration_id: id })).toBe(
      "/organization-integration/[integration_id]/messages",
    );
    expect(
      routePatternOf(`/organization-integration/${id}/conversations/123/read`, { integration_id: id, psid: "123" }),
    ).toBe("/organization-integration/[integration_id]/conversations/[psid]/read");
    expect(routePatternOf("/organization-integrations", {})).toBe("/organization-integrations");
  });

  it("matches percent-encoded segments by their decoded value", () => {
    expect(routePatternOf("/organization-integration/%3Cb%3E", { integration_id: "<b>" })).toBe(
      "/organization-integration/[integration_id]",
    );
  });

  it("collapses a catch-all into one segment", () => {
    expect(routePatternOf("/api/auth/callback/credentials", { nextauth: ["callback", "credentials"] })).toBe(
      "/api/auth/[...nextauth]",
    );
  });

  it("says other, never the raw path, when a param value is not in the path", () => {
    expect(routePatternOf("/organization-integration/abc", { integration_id: "xyz" })).toBe("other");
    expect(routePatternOf("/organization-integration/%E0%A4%A", { integration_id: "%E0%A4%A" })).toBe("other");
  });
});
