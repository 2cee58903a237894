import { describe, expect, it } from "vitest";
import { planAttachments } from "./attachment-plan";

const cdn = (name: string) => `https://scontent.xx.fbcdn.net/v/t1.15752-9/${name}?oh=sig&oe=67654321`;

describe("planAttachments", () => {
  it("downloads images, video, audio, files and stickers; keeps a shared link's title and address", () => {
    const planned = planAttachments([
      { type: "image", payload: { url: cdn("1_n.jpg") } },
      { type: "video", payload: { url: cdn("2_n.mp4") } },
      { type: "audio", payload: { url: cdn("audioclip_n.mp4") } },
      { type: "file", payload: { url: cdn("Quote.pdf") } },
      { type: "sticker", payload: { url: cdn("3_n.png"), sticker_id: 369239263222822 } },
      { type: "fallback", payload: { url: "https://news.example.test/a", title: "News" } },
      { type: "fallback", title: "Old style", URL: "https://old.example.test/b", payload: null },
    ]);
    expect(planned.map((p) => [p.position, p.type, p.status])).toEqual([
      [0, "image", "pending"],
      [1, "video", "pending"],
      [2, "audio", "pending"],
      [3, "file", "pending"],
      [4, "sticker", "pending"],
      [5, "fallback", "unavailable"],
      [6, "fallback", "unavailable"],
    ]);
    expect(planned[3]).toMatchObject({ sourceUrl: cdn("Quote.pdf"), name: "Quote.pdf", error: null });
    expect(planned[5]).toMatchObject({
      sourceUrl: "https://news.example.test/a",
      name: "News",
      error: "A shared link, not a file",
    });
    expect(planned[6]).toMatchObject({ sourceUrl: "https://old.example.test/b", name: "Old style" });
  });

  it("shows a sticker once during Meta's transition, and treats an old-style sticker image as a sticker", () => {
    expect(
      planAttachments([
        { type: "sticker", payload: { url: cdn("s.png"), sticker_id: 42 } },
        { type: "image", payload: { url: cdn("s.png"), sticker_id: 42 } },
      ]).map((p) => p.type),
    ).toEqual(["sticker"]);
    expect(
      planAttachments([{ type: "image", payload: { url: cdn("s.png"), sticker_id: "42" } }]).map((p) => p.type),
    ).toEqual(["sticker"]);
  });

  it("never downloads a non-web link, and survives whatever else the payload holds", () => {
    expect(planAttachments([{ type: "image", payload: { url: "file:///etc/passwd" } }])[0]).toMatchObject({
      status: "unavailable",
      sourceUrl: null,
      error: "Meta sent no link to this file",
    });
    expect(planAttachments([{ type: "fallback", payload: { url: "javascript:alert(1)" } }])[0]).toMatchObject({
      sourceUrl: null,
    });
    expect(planAttachments([{ type: "location", payload: { coordinates: { lat: 1, long: 2 } } }])[0]).toMatchObject({
      type: "location",
      status: "unavailable",
      error: "Meta sends no file for location attachments",
    });
    expect(planAttachments(null)).toEqual([]);
    expect(planAttachments({ type: "image" })).toEqual([]);
    expect(
      planAttachments([42, "x", null, { payload: {} }, { type: "Image<script>", payload: { url: 7 } }]).map((p) => [
        p.position,
        p.type,
        p.status,
      ]),
    ).toEqual([[4, "unknown", "unavailable"]]);
    expect(
      planAttachments(Array.from({ length: 80 }, () => ({ type: "image", payload: { url: cdn("x.jpg") } }))),
    ).toHaveLength(50);
  });
});
