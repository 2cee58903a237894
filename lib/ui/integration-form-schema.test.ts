import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "@/lib/validations/integration";
import type { TIntegrationDetail } from "@/lib/validations/integration-response";
import { buildFormSchema, defaultValuesFor, toCreateBody, toUpdateBody } from "./integration-form-schema";

const ORG = "3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b";

/** A stored Facebook integration as the edit form gets it: its secrets masked, and this config. */
const storedFacebookPage = (config: Record<string, unknown>) =>
  ({
    id: "55fcad75-d3d2-4cf2-9313-8974f57dbc93",
    integration_type: "facebook",
    is_active: true,
    name: "Page",
    access_token: SECRET_MASK,
    config,
  }) as unknown as TIntegrationDetail;

describe("integration form schemas", () => {
  it("uses the server's rules and messages, e.g. for the Facebook Page ID", () => {
    const schema = buildFormSchema("facebook", "create");
    const result = schema.safeParse({ is_active: true, name: "Page", access_token: "EAAB", page_id: "abc" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["page_id", "must be a numeric Facebook Page ID"],
    ]);
    expect(schema.safeParse({ is_active: true, name: "Page", access_token: "EAAB", page_id: "" }).success).toBe(true);
  });

  it("rejects JSON that is not an object for Other", () => {
    const schema = buildFormSchema("other", "create");
    const base = defaultValuesFor("other");
    expect(schema.safeParse({ ...base, name: "X", config_json: "{nope" }).success).toBe(false);
    expect(schema.safeParse({ ...base, name: "X", config_json: "[1]" }).success).toBe(false);
    expect(schema.safeParse({ ...base, name: "X", config_json: '{"a":1}' }).success).toBe(true);
  });

  it("builds the guide's minimal Facebook body, with page_id only when given", () => {
    expect(
      toCreateBody("facebook", ORG, { name: " Page ", access_token: "EAAB", page_id: "", is_active: true }),
    ).toEqual({
      org_id: ORG,
      integration_type: "facebook",
      name: "Page",
      access_token: "EAAB",
      is_active: true,
    });
    expect(
      toCreateBody("facebook", ORG, { name: "P", access_token: "t", page_id: "123", is_active: false }).config,
    ).toEqual({ page_id: "123" });
  });

  it("leaves masked secrets out of an update and keeps config keys the form does not show", () => {
    const detail = storedFacebookPage({ page_id: "1", page_name: "Shop" });
    const values = defaultValuesFor("facebook", detail);
    expect(values.access_token).toBe(SECRET_MASK);
    expect(buildFormSchema("facebook", "edit").safeParse(values).success).toBe(true);
    const body = toUpdateBody("facebook", detail, { ...values, name: "Renamed", page_id: "" });
    expect(body).toEqual({ id: detail.id, name: "Renamed", config: { page_name: "Shop" } });
    expect(toUpdateBody("facebook", detail, values)).toEqual({ id: detail.id });
    expect(toUpdateBody("facebook", detail, { ...values, access_token: "EAAnew" })).toEqual({
      id: detail.id,
      access_token: "EAAnew",
    });
  });

  it("shows accept_unsigned_events as an edit-only checkbox and sends it in config only when it changes", () => {
    const detail = storedFacebookPage({ page_id: "1" });
    expect(defaultValuesFor("facebook")).not.toHaveProperty("accept_unsigned_events");
    const values = defaultValuesFor("facebook", detail);
    expect(values.accept_unsigned_events).toBe(false);
    expect(buildFormSchema("facebook", "edit").safeParse(values).success).toBe(true);
    expect(toUpdateBody("facebook", detail, values)).toEqual({ id: detail.id });
    const optedIn = toUpdateBody("facebook", detail, { ...values, accept_unsigned_events: true });
    expect(optedIn).toEqual({ id: detail.id, config: { page_id: "1", accept_unsigned_events: true } });
    const on = { ...detail, config: optedIn.config } as TIntegrationDetail;
    expect(defaultValuesFor("facebook", on).accept_unsigned_events).toBe(true);
    expect(toUpdateBody("facebook", on, { ...values, accept_unsigned_events: false })).toEqual({
      id: detail.id,
      config: { page_id: "1", accept_unsigned_events: false },
    });
  });

  it("sends a local date-time as an ISO instant and checks the verify token with the server's rule", () => {
    const schema = buildFormSchema("other", "create");
    const base = { ...defaultValuesFor("other"), name: "X" };
    expect(schema.safeParse({ ...base, webhook_verify_token: "short" }).success).toBe(false);
    expect(schema.safeParse({ ...base, token_expires_at: "2026-12-01T10:30" }).success).toBe(true);
    const body = toCreateBody("other", ORG, { ...base, token_expires_at: "2026-12-01T10:30" });
    expect(body.token_expires_at).toBe(new Date("2026-12-01T10:30").toISOString());

    const detail = {
      id: "55fcad75-d3d2-4cf2-9313-8974f57dbc93",
      name: "X",
      config: {},
      token_expires_at: "2026-12-01T10:30:00.000Z",
    } as unknown as TIntegrationDetail;
    // Shown to the minute and unchanged: not sent, so the audit trail does not claim a change.
    expect(toUpdateBody("other", detail, defaultValuesFor("other", detail))).toEqual({ id: detail.id });
  });
});
