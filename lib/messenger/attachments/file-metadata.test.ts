import { describe, expect, it } from "vitest";
import {
  contentDisposition,
  fileNameFromDisposition,
  fileNameFromUrl,
  isInlineMimeType,
  normalizeMimeType,
  safeFileName,
} from "./file-metadata";

describe("file metadata", () => {
  it("keeps a MIME type's essence and turns anything odd into a plain binary", () => {
    expect(normalizeMimeType("Image/JPEG; charset=binary")).toBe("image/jpeg");
    expect(normalizeMimeType("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    for (const odd of [null, "", "image", "text/html\r\nX-Injected: 1", "a/b/c", "image/png<script>"])
      expect(normalizeMimeType(odd)).toBe("application/octet-stream");
  });

  it("shows only pictures, sound and video inline, and never SVG", () => {
    expect(["image/png", "video/mp4", "audio/mpeg"].every(isInlineMimeType)).toBe(true);
    expect(["image/svg+xml", "text/html", "application/pdf", "application/octet-stream"].some(isInlineMimeType)).toBe(
      false,
    );
  });

  it("names files from Meta's links and from Content-Disposition, safely", () => {
    expect(fileNameFromUrl("https://cdn.fbsbx.com/v/t59.2708-21/123_n.pdf/Quote%202026.pdf?_nc_cat=1&oh=x&oe=y")).toBe(
      "Quote 2026.pdf",
    );
    expect(fileNameFromUrl("https://scontent.xx.fbcdn.net/v/t1.15752-9/465437890_n.jpg?oh=1")).toBe("465437890_n.jpg");
    expect(fileNameFromUrl("https://example.test/")).toBeNull();
    expect(fileNameFromUrl("not a url")).toBeNull();
    expect(fileNameFromDisposition(`attachment; filename="a \\"b\\".txt"`)).toBe("a _b_.txt");
    expect(fileNameFromDisposition(`attachment; filename="fallback.txt"; filename*=UTF-8''%E2%82%AC%20rates.txt`)).toBe(
      "€ rates.txt",
    );
    expect(fileNameFromDisposition("inline; filename=plain.bin")).toBe("plain.bin");
    expect(fileNameFromDisposition("inline")).toBeNull();
    expect(safeFileName("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(safeFileName("a\r\nSet-Cookie: x")).toBe("a_Set-Cookie: x");
    expect(safeFileName(`${"x".repeat(300)}.pdf`)).toBe(`${"x".repeat(146)}.pdf`);
    expect(safeFileName("...")).toBeNull();
  });

  it("writes a disposition with an ASCII name and the exact one", () => {
    expect(contentDisposition("image/png", "cat.png")).toBe(`inline; filename="cat.png"; filename*=UTF-8''cat.png`);
    expect(contentDisposition("text/html", "page (1).html")).toBe(
      `attachment; filename="page (1).html"; filename*=UTF-8''page%20%281%29.html`,
    );
    expect(contentDisposition("application/pdf", "€ 100%.pdf")).toBe(
      `attachment; filename="_ 100_.pdf"; filename*=UTF-8''%E2%82%AC%20100%25.pdf`,
    );
    expect(contentDisposition("application/pdf", null)).toBe("attachment");
  });
});
