import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "./client-address";

describe("client address from X-Forwarded-For", () => {
  it("without proxies takes the last entry: the socket address Next fills in when the client sent none", () => {
    expect(clientAddressFrom("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddressFrom(null, 0)).toBe("unknown");
    expect(clientAddressFrom(" , ", 0)).toBe("unknown");
  });

  it("behind N proxies takes the Nth entry from the right, ignoring what the client wrote further left", () => {
    expect(clientAddressFrom("1.1.1.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddressFrom("forged, 1.1.1.1, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddressFrom("evil,203.0.113.9,10.0.0.2,10.0.0.3", 3)).toBe("203.0.113.9");
  });

  it("with fewer entries than proxies takes the leftmost (only our proxies wrote the header)", () => {
    expect(clientAddressFrom("203.0.113.9", 2)).toBe("203.0.113.9");
    expect(clientAddressFrom("203.0.113.9, 10.0.0.2", 3)).toBe("203.0.113.9");
  });

  it("normalises the key: IPv4-mapped IPv6 is the IPv4 address, case is ignored, length is bounded", () => {
    expect(clientAddressFrom("::ffff:203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddressFrom("2001:DB8::1", 0)).toBe("2001:db8::1");
    expect(clientAddressFrom("x".repeat(500), 0)).toHaveLength(64);
  });
});
