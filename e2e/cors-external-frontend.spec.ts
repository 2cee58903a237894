// An external frontend on another origin, in a real Chromium page: with an API key it lists and toggles
// integrations through CORS (origin listed in CORS_ALLOWED_ORIGINS, see e2e/support/global-setup.ts); a page on an
// origin that is not listed gets nothing readable, whatever key it holds.
import { createServer, type Server } from "node:http";
import { createIntegrationViaApi, getIntegrationViaApi } from "./support/api";
import { expect, test, uniqueName } from "./support/fixtures";
import { freePort } from "../bench/support/app-server";

// The frontend's own page: plain fetch with the API key in the Authorization header (so the browser sends a preflight).
const FRONTEND_PAGE = `<!doctype html><html><head><title>Partner frontend</title></head><body><h1>Partner frontend</h1><script>
  window.callApi = async (apiUrl, apiKey, path, body) => {
    try {
      const response = await fetch(apiUrl + path, {
        method: body ? "POST" : "GET",
        headers: { Authorization: "Bearer " + apiKey, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, json: await response.json() };
    } catch (error) {
      return { failed: String(error) };
    }
  };
</script></body></html>`;

function serveFrontend(port: number): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(FRONTEND_PAGE);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

type CallOutcome = {
  status?: number;
  json?: { integrations?: { id: string }[]; integration?: { is_active: boolean }; error?: string };
  failed?: string;
};

test.describe("CORS for external frontends", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a listed origin calls the API with an API key; an unlisted one cannot read an answer", async ({
    page,
    api,
    orgId,
    consoleErrors,
  }) => {
    const apiUrl = process.env.E2E_BASE_URL!;
    const apiKey = process.env.E2E_API_KEY!;
    const allowed = await serveFrontend(Number(new URL(process.env.E2E_FRONTEND_ORIGIN!).port));
    const unlisted = await serveFrontend(await freePort());
    try {
      const integration = await createIntegrationViaApi(api, {
        org_id: orgId,
        integration_type: "other",
        name: uniqueName("Partner CRM"),
      });

      await page.goto(`${process.env.E2E_FRONTEND_ORIGIN}/`);
      const call = (path: string, body?: unknown) =>
        page.evaluate(
          ([url, key, p, b]) =>
            (window as unknown as { callApi: (...args: unknown[]) => Promise<CallOutcome> }).callApi(url, key, p, b),
          [apiUrl, apiKey, path, body] as const,
        );
      const listed = await call(`/organization-integrations?org_id=${orgId}`);
      expect(listed.status).toBe(200);
      expect(listed.json!.integrations!.map((item) => item.id)).toContain(integration.id);
      const toggled = await call("/toggle-organization-integration", { id: integration.id, active: true });
      expect(toggled).toMatchObject({ status: 200, json: { integration: { is_active: true } } });

      const address = unlisted.address() as { port: number };
      await page.goto(`http://127.0.0.1:${address.port}/`);
      const refused = await call(`/organization-integrations?org_id=${orgId}`);
      expect(refused.failed).toMatch(/TypeError/);
      const refusedWrite = await call("/toggle-organization-integration", { id: integration.id, active: false });
      expect(refusedWrite.failed).toMatch(/TypeError/);
      // The preflight was refused, so the write never reached the handler.
      expect((await getIntegrationViaApi(api, integration.id)).integration!.is_active).toBe(true);
      // Chromium logs each refusal; those two are the expected outcome, anything else still fails the test.
      const refusals = consoleErrors.filter((message) =>
        /from origin 'http:\/\/127\.0\.0\.1:\d+' has been blocked by CORS policy/.test(message),
      );
      expect(refusals).toHaveLength(2);
      consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((message) => !refusals.includes(message)));
    } finally {
      allowed.close();
      unlisted.close();
    }
  });
});
