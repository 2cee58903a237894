import { describe, expect, it } from "vitest";
import * as openApiRoute from "@/app/openapi.json/route";

describe("GET /openapi.json", () => {
  it("documents every endpoint of the guide with the schemas the server validates with", async () => {
    const document = await openApiRoute.GET().json();
    expect(document.openapi).toBe("3.1.0");
    for (const path of [
      "/organization-integrations", "/organization-integration/{integration_id}", "/create-organization-integration",
      "/update-organization-integration", "/toggle-organization-integration", "/delete-organization-integration",
    ]) {
      expect(document.paths[path]).toBeDefined();
    }
    const create = document.paths["/create-organization-integration"].post.requestBody.content["application/json"].schema;
    expect(create.required).toEqual(expect.arrayContaining(["org_id", "integration_type", "name"]));
    expect(create.properties.integration_type.enum).toEqual(["facebook", "hubspot", "salesforce", "odoo_crm", "other"]);
    const list = document.paths["/organization-integrations"].get.parameters;
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ name: "org_id", required: true })]));
  });
});
