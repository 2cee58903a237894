import { describe, expect, it } from "vitest";
import { ZWebhookPayload } from "@/lib/validations/messenger";
import { groupEventsByPage } from "./webhook-events";

const PAGE = "111222333";
const PSID = "999888777";

const parse = (payload: unknown) => groupEventsByPage(ZWebhookPayload.parse(payload));

describe("groupEventsByPage", () => {
  it("reads messages, echoes, postbacks, deliveries and reads; keeps unknown kinds", () => {
    const [page] = parse({
      object: "page",
      entry: [
        {
          id: PAGE,
          time: 1_700_000_000_000,
          messaging: [
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1_700_000_000_001, message: { mid: "m1", text: "hi" } },
            { sender: { id: PAGE }, recipient: { id: PSID }, timestamp: 1_700_000_000_002, message: { mid: "m2", text: "hello", is_echo: true } },
            { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1_700_000_000_003, postback: { title: "Start", payload: "GET_STARTED" } },
            { sender: { id: PSID }, recipient: { id: PAGE }, delivery: { mids: ["m2"], watermark: 1_700_000_000_004 } },
            { sender: { id: PSID }, recipient: { id: PAGE }, read: { watermark: 1_700_000_000_005 } },
            { sender: { id: PSID }, recipient: { id: PAGE }, reaction: { mid: "m2", action: "react", emoji: "👍" } },
          ],
        },
      ],
    });
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
    expect(page.unknown).toHaveLength(1);
  });

  it("merges entries of one page, counts non-messaging fields as unknown, and strips NUL bytes", () => {
    const pages = parse({
      object: "page",
      entry: [
        { id: PAGE, messaging: [{ sender: { id: PSID }, recipient: { id: PAGE }, message: { mid: "a", text: "x\u0000y" } }] },
        { id: Number(PAGE), standby: [{ sender: { id: PSID } }] },
        { id: "444", messaging: [{ weird: true }] },
      ],
    });
    expect(pages.map((p) => [p.pageId, p.eventsCount, p.messages.length, p.unknown.length])).toEqual([
      [PAGE, 2, 1, 1],
      ["444", 1, 0, 1],
    ]);
    expect(pages[0].messages[0].text).toBe("xy");
  });

  it("falls back to the entry time when an event has no usable timestamp", () => {
    const [page] = parse({
      object: "page",
      entry: [{ id: PAGE, time: 1_600_000_000_000, messaging: [{ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: -5, message: { mid: "t" } }] }],
    });
    expect(page.messages[0].timestamp.getTime()).toBe(1_600_000_000_000);
  });
});
