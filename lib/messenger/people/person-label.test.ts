import { describe, expect, it } from "vitest";
import { anonymousPersonLabel, personLabel } from "./person-label";

describe("personLabel", () => {
  it("uses Meta's name, else the last four digits of the page-scoped id, never the bare id", () => {
    expect(personLabel({ psid: "24680135791234", name: "Ana Lima" })).toBe("Ana Lima");
    expect(personLabel({ psid: "24680135791234", name: null })).toBe("Facebook user …1234");
    expect(personLabel({ psid: "24680135791234", name: "   " })).toBe("Facebook user …1234");
    expect(anonymousPersonLabel("24680135791234")).not.toContain("2468013579");
  });
});
