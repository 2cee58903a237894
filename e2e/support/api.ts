// Direct API calls with the owner's API key: to set up data quickly and to check what the UI really stored.
import { expect, type APIRequestContext } from "@playwright/test";

export type CreatedIntegration = { id: string; name: string; [key: string]: unknown };

export async function createIntegrationViaApi(
  api: APIRequestContext,
  body: Record<string, unknown>,
): Promise<CreatedIntegration> {
  const response = await api.post("/create-organization-integration", { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { integration: CreatedIntegration }).integration;
}

export async function getIntegrationViaApi(api: APIRequestContext, id: string) {
  const response = await api.get(`/organization-integration/${id}`);
  if (!response.ok() && response.status() !== 404)
    throw new Error(`GET ${id}: ${response.status()} ${await response.text()}`);
  return {
    status: response.status(),
    integration: response.ok()
      ? ((await response.json()) as { integration: Record<string, unknown> }).integration
      : null,
  };
}

export async function auditEntriesFor(api: APIRequestContext, orgId: string, targetId: string) {
  const response = await api.get(`/organization-audit-log?org_id=${orgId}&limit=200`);
  expect(response.ok()).toBe(true);
  const { entries } = (await response.json()) as {
    entries: { action: string; target: { id: string }; changed_fields: string[] }[];
  };
  return entries.filter((entry) => entry.target.id === targetId);
}
