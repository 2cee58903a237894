import { describe, expect, it } from "vitest";
import { PROVIDERS } from "@/lib/providers/registry";
import { mapServerError } from "./server-error-fields";

describe("mapServerError", () => {
  it("puts config and top-level paths on their fields and keeps the rest for the form", () => {
    const result = mapServerError(
      "config.page_id: must be a numeric Facebook Page ID; name: must not be empty; org_id: must be a valid UUID",
      PROVIDERS.facebook.fields,
    );
    expect(result.fieldErrors).toEqual({ page_id: "must be a numeric Facebook Page ID", name: "must not be empty" });
    expect(result.formError).toBe("org_id: must be a valid UUID");
  });

  it("sends any config error of the Other type to its JSON editor", () => {
    const result = mapServerError("config: must be a JSON object", PROVIDERS.other.fields);
    expect(result.fieldErrors).toEqual({ config_json: "must be a JSON object" });
    expect(result.formError).toBeNull();
  });

  it("keeps a plain sentence as a form-level error", () => {
    expect(mapServerError("Your role (viewer) does not allow this action", PROVIDERS.hubspot.fields)).toEqual({
      fieldErrors: {},
      formError: "Your role (viewer) does not allow this action",
    });
  });
});
