import { describe, expect, it } from "vitest";
import { parseByteRange } from "./byte-range";

describe("parseByteRange", () => {
  it("reads a start-end, an open-ended and a suffix range", () => {
    expect(parseByteRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange("bytes=900-", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange("bytes=990-5000", 1000)).toEqual({ start: 990, end: 999 });
    expect(parseByteRange("bytes=-5000", 1000)).toEqual({ start: 0, end: 999 });
  });

  it("ignores what it does not serve as one slice: the whole file is sent instead", () => {
    for (const header of [
      null,
      "",
      "bytes=0-1,5-9",
      "items=0-1",
      "bytes=-",
      "bytes=1000-",
      "bytes=5-2",
      "bytes=-0",
      "bytes=abc",
    ]) {
      expect(parseByteRange(header, 1000)).toBeNull();
    }
    expect(parseByteRange("bytes=0-0", 0)).toBeNull();
  });
});
