import { describe, expect, it } from "vitest";
import { messagingWindow, sendModeFor } from "./messaging-window";

const hours = (n: number) => n * 60 * 60 * 1000;
const now = new Date("2026-11-20T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("the standard messaging window", () => {
  it("is open for 24 hours after the person's last message, then human agent only until 7 days, then closed", () => {
    expect(messagingWindow(ago(hours(23)), now)).toMatchObject({
      state: "open",
      closesAt: new Date("2026-11-20T13:00:00.000Z"),
    });
    expect(messagingWindow(ago(hours(24)), now)).toMatchObject({ state: "human_agent", closedAt: now });
    expect(messagingWindow(ago(hours(167)), now)).toMatchObject({
      state: "human_agent",
      humanAgentClosesAt: new Date("2026-11-20T13:00:00.000Z"),
    });
    expect(messagingWindow(ago(hours(168)), now)).toMatchObject({ state: "closed", humanAgentClosedAt: now });
    expect(messagingWindow(null, now)).toEqual({ state: "closed", closedAt: null, humanAgentClosedAt: null });
  });

  it("sends RESPONSE inside the window and HUMAN_AGENT only when asked, up to 7 days", () => {
    expect(sendModeFor({ lastInboundAt: ago(hours(1)), now })).toEqual({ messagingType: "RESPONSE" });
    expect(sendModeFor({ lastInboundAt: ago(hours(1)), tag: "HUMAN_AGENT", now })).toEqual({
      messagingType: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
    });
    expect(sendModeFor({ lastInboundAt: ago(hours(30)), tag: "HUMAN_AGENT", now })).toEqual({
      messagingType: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
    });
  });

  it("refuses with a sentence that names the window and when it closed", () => {
    const late = sendModeFor({ lastInboundAt: ago(hours(30)), now });
    expect(late).toEqual({
      refusal: expect.stringMatching(
        /^The 24-hour messaging window closed at 2026-11-20T06:00:00\.000Z .*HUMAN_AGENT\) until 2026-11-26T06:00:00\.000Z$/,
      ),
    });
    const tooLate = sendModeFor({ lastInboundAt: ago(hours(200)), tag: "HUMAN_AGENT", now });
    expect(tooLate).toEqual({
      refusal: expect.stringMatching(/^The 7-day human agent window closed at 2026-11-19T04:00:00\.000Z/),
    });
    expect(sendModeFor({ lastInboundAt: ago(hours(200)), now })).toEqual({
      refusal: expect.stringContaining("and the 7-day human agent window too"),
    });
    expect(sendModeFor({ lastInboundAt: null, tag: "HUMAN_AGENT", now })).toEqual({
      refusal: expect.stringContaining("has not written to the Page"),
    });
  });
});
