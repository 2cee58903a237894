import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import * as openApiRoute from "@/app/openapi.json/route";
import { openApiViolation } from "../helpers/openapi-response-check";

type Operation = {
  operationId: string;
  tags: string[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};

async function fetchDocument() {
  return openApiRoute.GET().json();
}

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document (checked by an OpenAPI validator)", async () => {
    const validator = new Validator();
    const result = await validator.validate(await fetchDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every endpoint of the guide with the schemas the server validates with", async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe("3.1.0");
    for (const path of [
      "/organization-integrations",
      "/organization-integration/{integration_id}",
      "/create-organization-integration",
      "/update-organization-integration",
      "/toggle-organization-integration",
      "/delete-organization-integration",
    ]) {
      expect(document.paths[path]).toBeDefined();
    }
    const create = document.paths["/create-organization-integration"].post.requestBody.content["application/json"];
    expect(create.schema.required).toEqual(expect.arrayContaining(["org_id", "integration_type", "name"]));
    expect(create.schema.properties.integration_type.enum).toEqual([
      "facebook",
      "hubspot",
      "salesforce",
      "odoo_crm",
      "other",
    ]);
    expect(create.example.name).toBe("Facebook Messenger Integration");
    const list = document.paths["/organization-integrations"].get.parameters;
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ name: "org_id", required: true })]));
  });

  it("gives every JSON answer a named schema, never a bare object, and names what a generated client needs", async () => {
    const document = await fetchDocument();
    const schemas = document.components.schemas;
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.tags, `${method} ${path}`).toHaveLength(1);
        for (const [status, response] of Object.entries(operation.responses)) {
          const json = response.content?.["application/json"];
          if (!json) continue;
          const name = json.schema.$ref?.replace("#/components/schemas/", "");
          expect(name && schemas[name], `${method} ${path} ${status}`).toBeTruthy();
        }
      }
    }
    const detail = schemas.IntegrationDetail;
    expect(detail.required).toEqual(expect.arrayContaining(["id", "api_secret", "status", "messenger", "config"]));
    expect(detail.properties.api_secret).toEqual({ anyOf: [{ type: "string", const: "••••••" }, { type: "null" }] });
    expect(schemas.IntegrationList.properties.integrations.items).toEqual({
      $ref: "#/components/schemas/IntegrationListItem",
    });
    expect(schemas.Error.required).toEqual(["error"]);
    expect(Object.keys(document.components.securitySchemes)).toEqual(["apiKey", "session"]);
    expect(document.paths["/webhook"].post.security).toEqual([]);
    expect(
      document.paths["/organization-integrations"].get.responses["401"].content["application/json"].schema,
    ).toEqual({ $ref: "#/components/schemas/Error" });
  });

  it("declares members, passwords and OAuth Connect: public token endpoints, session-only sign-in, a 303 callback", async () => {
    const document = await fetchDocument();
    const schemaOf = (path: string, method: string, status: string) =>
      document.paths[path][method].responses[status].content?.["application/json"]?.schema;
    expect(schemaOf("/organization-members", "get", "200")).toEqual({ $ref: "#/components/schemas/MemberList" });
    expect(schemaOf("/invite-organization-member", "post", "201")).toEqual({
      $ref: "#/components/schemas/InviteMemberResponse",
    });
    expect(schemaOf("/organization-integrations-attention", "get", "200")).toEqual({
      $ref: "#/components/schemas/AttentionCount",
    });
    for (const path of ["/accept-organization-invite", "/first-run-setup", "/complete-password-reset"]) {
      expect(document.paths[path].post.security, path).toEqual([]);
    }
    for (const [path, method] of [
      ["/start-organization-oauth", "post"],
      ["/organization-oauth/callback", "get"],
      ["/organization-oauth/facebook-page", "post"],
    ]) {
      expect(document.paths[path!][method!].security, path).toEqual([{ session: [] }]);
    }
    const callback = document.paths["/organization-oauth/callback"].get.responses;
    expect(callback["303"]).toBeDefined();
    expect(callback["303"].content).toBeUndefined();
    expect(document.components.schemas.IntegrationStatus.required).toEqual(
      expect.arrayContaining(["token_state", "last_refreshed_at"]),
    );
  });

  it("is what every test's answers are checked against (tests/helpers/call-route.ts), by a JSON Schema validator", () => {
    const item = {
      id: "55fcad75-d3d2-4cf2-9313-8974f57dbc93",
      org_id: "3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b",
      integration_type: "facebook",
      name: "Facebook Messenger Integration",
      is_active: true,
      api_base_url: null,
      webhook_url: null,
      created_at: "2023-06-14T12:30:45.123Z",
      updated_at: "2023-06-14T12:30:45.123Z",
      status: { needs_reauth: false, token_state: "valid" },
    };
    const check = (status: number, body: unknown, contentType = "application/json") =>
      openApiViolation("GET", "/organization-integrations?org_id=x", {}, status, contentType, body);
    expect(check(200, { integrations: [item] })).toBeNull();
    expect(check(401, { error: "Authentication required" })).toBeNull();
    expect(check(200, { integrations: [{ ...item, api_secret: "hunter2" }] })).toMatch(/IntegrationList.*additional/);
    expect(check(200, { integrations: [{ ...item, is_active: "yes" }] })).toMatch(/is_active/);
    expect(check(201, { integrations: [] })).toMatch(/status 201 is not in \/openapi.json/);
    expect(check(200, "<html>", "text/html")).toMatch(/documented as JSON, not text\/html/);
    expect(openApiViolation("GET", "/not-declared", {}, 200, "application/json", {})).toBeNull();
  });
});
