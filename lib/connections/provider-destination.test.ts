import { describe, expect, it } from "vitest";
import { assertAllowedDestination, isCloudMetadataAddress, isPrivateAddress } from "./provider-destination";
import { parsePrivateHostsSetting } from "./private-hosts-setting";

describe("provider destinations", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "0.0.0.0",
    "::1",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
  ])("refuses %s", (address) => expect(isPrivateAddress(address)).toBe(true));

  // IPv6 that a translator or tunnel turns into IPv4 somewhere we do not control.
  it.each([
    "64:ff9b::7f00:1",
    "64:ff9b::8.8.8.8",
    "64:ff9b:1::a00:1",
    "2002:7f00:1::1",
    "2002:808:808::1",
    "2001:0:4136:e378::1",
    "::7f00:1",
    "::ffff:0:7f00:1",
    "fe80::1%eth0",
  ])("refuses %s (translated or tunnelled)", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["157.240.1.35", "8.8.8.8", "2a03:2880:f003:c07:face:b00c::2", "::ffff:157.240.1.35", "::ffff:9df0:123"])(
    "allows %s",
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );

  it.each([
    "169.254.169.254",
    "169.254.170.2",
    "169.254.170.23",
    "169.254.0.23",
    "100.100.100.200",
    "fd00:ec2::254",
    "fd00:ec2::23",
    "::ffff:a9fe:a9fe",
    "64:ff9b::a9fe:a9fe",
    "2002:a9fe:a9fe::",
    "64:ff9b:1:a9fe:a9:fe00::",
  ])("knows %s as cloud metadata", (address) => expect(isCloudMetadataAddress(address)).toBe(true));

  it.each(["169.254.169.253", "fd00:ec2::253", "10.0.0.1", "8.8.8.8"])(
    "does not take %s for cloud metadata",
    (address) => expect(isCloudMetadataAddress(address)).toBe(false),
  );
});

describe("PROVIDER_ALLOW_PRIVATE_HOSTS", () => {
  it.each([
    ["", "none"],
    ["0", "none"],
    ["false", "none"],
    ["1", "all"],
    ["TRUE", "all"],
    ["odoo.internal", "listed"],
  ])("reads %j as %s", (raw, allows) => expect(parsePrivateHostsSetting(raw).allows).toBe(allows));

  it.each([
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/8/1",
    "odoo.internal/8",
    "http://odoo.internal",
    "odoo internal",
    "*.internal",
  ])("refuses %j", (raw) => expect(() => parsePrivateHostsSetting(raw)).toThrow());

  const check =
    (setting: string, hostname: string, addresses: string[], protocol = "https:") =>
    () =>
      assertAllowedDestination({ hostname, protocol, addresses, setting: parsePrivateHostsSetting(setting) });

  it("allows exactly the listed names, addresses and networks", () => {
    const list = " Odoo.Internal. , 10.20.0.0/16, 192.168.1.5, [fd12::1] ";
    expect(check(list, "odoo.internal", ["192.168.77.1"])).not.toThrow();
    expect(check(list, "crm.example", ["10.20.3.4"])).not.toThrow();
    expect(check(list, "crm.example", ["192.168.1.5"], "http:")).not.toThrow();
    expect(check(list, "crm.example", ["fd12::1"])).not.toThrow();
    expect(check(list, "crm.example", ["10.21.0.1"])).toThrow(/private or local network address/);
    expect(check(list, "crm.example", ["127.0.0.1"])).toThrow(/private or local network address/);
    expect(check(list, "crm.example", ["8.8.8.8"], "http:")).toThrow(/only sent over https/);
    expect(check(list, "odoo.internal", ["169.254.169.254"])).toThrow(/cloud metadata/);
  });

  it("keeps public hosts on https whatever the setting", () => {
    for (const setting of ["0", "1", "odoo.internal"]) {
      expect(check(setting, "api.hubapi.com", ["104.16.0.1"])).not.toThrow();
      expect(check(setting, "api.hubapi.com", ["104.16.0.1"], "http:")).toThrow(/only sent over https/);
    }
    expect(check("1", "odoo.internal", ["10.0.0.5"], "http:")).not.toThrow();
    expect(check("1", "odoo.internal", ["10.0.0.5", "104.16.0.1"], "http:")).toThrow(/only sent over https/);
  });
});
