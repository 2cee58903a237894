import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path";

describe("safeReturnPath", () => {
  it("keeps same-site paths", () => {
    expect(safeReturnPath("/orgs/1/integrations?type=facebook#edit")).toBe("/orgs/1/integrations?type=facebook#edit");
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "evil",
    undefined,
  ])("sends %j home instead", (value) => expect(safeReturnPath(value)).toBe("/"));
});
