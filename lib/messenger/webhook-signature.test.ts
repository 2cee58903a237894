import { describe, expect, it } from "vitest";
import { isValidWebhookSignature, signWebhookBody, tokensEqual } from "./webhook-signature";

const body = Buffer.from('{"object":"page","entry":[]}');

describe("webhook signature", () => {
  it("accepts the HMAC of the exact bytes, in either hex case", () => {
    const header = signWebhookBody(body, "app-secret");
    expect(isValidWebhookSignature(body, header, "app-secret")).toBe(true);
    expect(isValidWebhookSignature(body, header.toUpperCase().replace("SHA256", "sha256"), "app-secret")).toBe(true);
  });

  it("refuses another secret, changed bytes, a missing or malformed header", () => {
    const header = signWebhookBody(body, "app-secret");
    expect(isValidWebhookSignature(body, header, "other-secret")).toBe(false);
    expect(isValidWebhookSignature(Buffer.from(`${body} `), header, "app-secret")).toBe(false);
    expect(isValidWebhookSignature(body, null, "app-secret")).toBe(false);
    expect(isValidWebhookSignature(body, "sha1=abc", "app-secret")).toBe(false);
    expect(isValidWebhookSignature(body, header.slice(0, -2), "app-secret")).toBe(false);
  });

  it("compares tokens of any length", () => {
    expect(tokensEqual("verify-token", "verify-token")).toBe(true);
    expect(tokensEqual("verify-token", "verify-token-longer")).toBe(false);
    expect(tokensEqual("", "x")).toBe(false);
  });
});
