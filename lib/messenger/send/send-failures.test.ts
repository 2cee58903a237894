import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { GraphApiError, parseRetryAfter } from "../graph-api";
import { retryDelayMs } from "./attempt-send";
import { classifySendFailure } from "./send-failures";

const meta = (code: number, subcode: number | null = null, retryAfterMs: number | null = null) =>
  classifySendFailure(new GraphApiError(`(#${code}) Meta says no`, code, subcode, retryAfterMs));

describe("Send API failures", () => {
  it("retries Meta's temporary codes and keeps Retry-After", () => {
    for (const code of [2, 4, 613, 1200, 80006]) expect(meta(code)).toMatchObject({ outcome: "retry", code });
    expect(meta(613, null, 5000)).toMatchObject({
      retryAfterMs: 5000,
      message: expect.stringContaining("rate-limiting"),
    });
  });

  it("fails for good with a sentence per code, and flags an invalid token", () => {
    expect(meta(551, 1545041)).toMatchObject({
      outcome: "fail",
      code: 551,
      subcode: 1545041,
      message: expect.stringMatching(/isn't available.*not retried/),
    });
    expect(meta(10, 2018278)).toMatchObject({
      outcome: "fail",
      message: expect.stringContaining("24-hour messaging window is closed"),
    });
    expect(meta(190, 463)).toMatchObject({
      outcome: "fail",
      isTokenInvalid: true,
      message: expect.stringContaining("paste a new Page token"),
    });
    for (const code of [200, 230])
      expect(meta(code)).toMatchObject({ outcome: "fail", message: expect.stringContaining("lacks a permission") });
    expect(meta(100, 33)).toMatchObject({ outcome: "fail", message: "Facebook: (#100) Meta says no (code 100/33)" });
  });

  it("never resends on its own when Meta did not answer (it may have delivered)", () => {
    expect(classifySendFailure(new AppError("bad_gateway", "Facebook did not answer within 10 s"))).toEqual({
      outcome: "fail",
      code: null,
      subcode: null,
      message: "Facebook did not answer within 10 s",
      isTokenInvalid: false,
      retryAfterMs: null,
    });
  });

  it("backs off 2 s, 8 s, 32 s… up to 10 min, and never sooner than Retry-After", () => {
    expect([1, 2, 3, 4, 5, 9].map((attempts) => retryDelayMs(attempts, null))).toEqual([
      2_000, 8_000, 32_000, 128_000, 512_000, 600_000,
    ]);
    expect(retryDelayMs(1, 30_000)).toBe(30_000);
    expect(parseRetryAfter("7")).toBe(7_000);
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(58_000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter("999999")).toBe(3_600_000);
  });
});
