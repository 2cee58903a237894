import { describe, expect, it } from "vitest";
import { ZWebhookPayload } from "@/lib/validations/messenger";
import { describePageEvents } from "./page-events";
import { groupEventsByPage } from "./webhook-events";

const PAGE = "111222333";
const PSID = "999888777";

const T0 = 1_700_000_000_000;
const fromPerson = { sender: { id: PSID }, recipient: { id: PAGE } };
const fromPage = { sender: { id: PAGE }, recipient: { id: PSID } };

/** One entry of Meta's payload: the Page's events of one list (`messaging`, or `standby` for another app's threads). */
const entry = (list: "messaging" | "standby", events: unknown[], time: number | undefined = T0) => ({
  id: PAGE,
  time,
  [list]: events,
});

/** Meta's payload of these entries, validated and grouped as the webhook route does. */
const parse = (...entries: unknown[]) => groupEventsByPage(ZWebhookPayload.parse({ object: "page", entry: entries }));

describe("groupEventsByPage", () => {
  it("reads messages, echoes, postbacks, deliveries and reads; keeps unknown kinds", () => {
    const [page] = parse(
      entry("messaging", [
        { ...fromPerson, timestamp: 1_700_000_000_001, message: { mid: "m1", text: "hi" } },
        { ...fromPage, timestamp: 1_700_000_000_002, message: { mid: "m2", text: "hello", is_echo: true } },
        { ...fromPerson, timestamp: 1_700_000_000_003, postback: { title: "Start", payload: "GET_STARTED" } },
        { ...fromPerson, delivery: { mids: ["m2"], watermark: 1_700_000_000_004 } },
        { ...fromPerson, read: { watermark: 1_700_000_000_005 } },
        { ...fromPerson, reaction: { mid: "m2", action: "react", emoji: "👍" } },
      ]),
    );
    expect(page.pageId).toBe(PAGE);
    expect(page.eventsCount).toBe(6);
    expect(page.messages.map((m) => [m.mid, m.direction, m.kind, m.psid])).toEqual([
      ["m1", "inbound", "message", PSID],
      ["m2", "outbound", "message", PSID],
      [`postback:${PSID}:1700000000003`, "inbound", "postback", PSID],
    ]);
    expect(page.messages[2].postback).toEqual({ title: "Start", payload: "GET_STARTED" });
    expect(page.receipts).toEqual([
      { kind: "delivery", psid: PSID, watermark: new Date(1_700_000_000_004), mids: ["m2"] },
      { kind: "read", psid: PSID, watermark: new Date(1_700_000_000_005), mids: [] },
    ]);
    expect(page.reactions).toEqual([{ psid: PSID, mid: "m2", emoji: "👍", timestamp: new Date(1_700_000_000_000) }]);
    expect(page.unknown).toEqual([]);
  });

  it("reads quick replies, referrals (with a message, a postback, or alone) and unreactions", () => {
    const referral = { ref: "spring-sale", source: "SHORTLINK", type: "OPEN_THREAD" };
    // An ad's referral: the same kind of link, with the ad's id and what Meta tells about the ad.
    const ad = {
      ...referral,
      ref: "ad-ref",
      source: "ADS",
      ad_id: "6045246247433",
      ads_context_data: { ad_title: "Shoes" },
    };
    const [page] = parse(
      entry("messaging", [
        {
          ...fromPerson,
          timestamp: 1_700_000_000_001,
          message: { mid: "q1", text: "Red", quick_reply: { payload: "COLOR_RED" } },
        },
        { ...fromPerson, timestamp: 1_700_000_000_002, message: { mid: "a1", text: "About the ad", referral: ad } },
        {
          ...fromPerson,
          timestamp: 1_700_000_000_003,
          postback: { mid: "p1", title: "Get Started", payload: "GET_STARTED", referral },
        },
        { ...fromPerson, timestamp: 1_700_000_000_004, referral },
        { ...fromPerson, timestamp: 1_700_000_000_005, reaction: { mid: "q1", action: "unreact" } },
        {
          ...fromPerson,
          timestamp: 1_700_000_000_006,
          reaction: { mid: "a1", action: "react", reaction: "love", emoji: "❤️" },
        },
      ]),
    );
    expect(page.messages.map((m) => [m.mid, m.kind, m.quickReplyPayload, m.referral])).toEqual([
      ["q1", "message", "COLOR_RED", null],
      ["a1", "message", null, ad],
      ["p1", "postback", null, referral],
      [`referral:${PSID}:1700000000004`, "referral", null, referral],
    ]);
    expect(page.messages[3]).toMatchObject({
      direction: "inbound",
      psid: PSID,
      text: null,
      timestamp: new Date(1_700_000_000_004),
    });
    expect(page.reactions.map((r) => [r.mid, r.emoji])).toEqual([
      ["q1", null],
      ["a1", "❤️"],
    ]);
    expect(page.unknown).toEqual([]);
    expect(page.ownership.every((entry) => entry.psid === PSID && !entry.isInStandby)).toBe(true);
  });

  it("stores standby events like the others and marks their people as owned by another app", () => {
    const pages = parse(
      entry("standby", [{ ...fromPerson, timestamp: 1_700_000_000_001, message: { mid: "s1", text: "to the bot" } }]),
      entry("standby", [
        {
          ...fromPage,
          recipient: { id: "555" },
          timestamp: 1_700_000_000_002,
          message: { mid: "s2", text: "bot says", is_echo: true },
        },
      ]),
    );
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page.messages.map((m) => [m.mid, m.direction, m.psid])).toEqual([
      ["s1", "inbound", PSID],
      ["s2", "outbound", "555"],
    ]);
    expect(page.ownership).toEqual([
      { psid: PSID, isInStandby: true, at: new Date(1_700_000_000_001) },
      { psid: "555", isInStandby: true, at: new Date(1_700_000_000_002) },
    ]);
    expect(page).toMatchObject({ eventsCount: 2, standbyCount: 2, unknown: [] });
    expect(describePageEvents(page)).toMatch(
      /^2 standby events \(handover protocol\): another app owns the conversation with 2 people/,
    );
  });

  it("merges entries of one page, counts non-messaging fields as unknown, and strips NUL bytes", () => {
    const pages = parse(
      entry("messaging", [{ ...fromPerson, message: { mid: "a", text: "x\u0000y" } }], undefined),
      { id: Number(PAGE), changes: [{ field: "feed" }] },
      { id: "444", messaging: [{ weird: true }] },
    );
    expect(pages.map((p) => [p.pageId, p.eventsCount, p.messages.length, p.unknown.length])).toEqual([
      [PAGE, 2, 1, 1],
      ["444", 1, 0, 1],
    ]);
    expect(pages[0].messages[0].text).toBe("xy");
    expect(describePageEvents(pages[0])).toBeUndefined();
  });

  it("falls back to the entry time when an event has no usable timestamp", () => {
    const [page] = parse(
      entry("messaging", [{ ...fromPerson, timestamp: -5, message: { mid: "t" } }], 1_600_000_000_000),
    );
    expect(page.messages[0].timestamp.getTime()).toBe(1_600_000_000_000);
  });
});
