import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "./provider-destination";

describe("provider destinations", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1"])(
    "refuses %s",
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(["157.240.1.35", "8.8.8.8", "2a03:2880:f003:c07:face:b00c::2", "::ffff:157.240.1.35"])("allows %s", (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});
