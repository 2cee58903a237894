// GET /metrics as Prometheus and an attacker see it: off (404) until METRICS_TOKEN is set, then only for that bearer
// token; request metrics labelled by route pattern, so ids sent by clients never become series; webhook metrics
// counted from the real code path.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { parseServerEnv, ServerConfigError } from "@/lib/config/server-env";
import { bearer, callRoute } from "../helpers/call-route";
import { messageEvent, newPsid, payloadFor, postWebhook, signedPage } from "../helpers/fake-meta-webhook";
import { deltaBetween, metricsRouteWith, samples, scrape, TOKEN, valueOf } from "../helpers/metrics-scrape";
import { withOrg } from "../helpers/org-with-fake-graph";
import { detailRoute } from "../helpers/routes";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
withOrg((created) => (org = created));
afterAll(() => {
  delete process.env.METRICS_TOKEN;
});

describe("access to /metrics", () => {
  it("does not exist while METRICS_TOKEN is unset", async () => {
    const route = await metricsRouteWith(undefined);
    const response = await callRoute(route.GET, { path: "/metrics", headers: bearer("anything-at-all-123") });
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ error: "Not found" });
  });

  it("answers 401 without the token, with another token, or with the token outside a bearer header", async () => {
    for (const headers of [
      {},
      bearer(`${TOKEN}x`),
      bearer(TOKEN.slice(0, -1)),
      bearer("short"),
      { authorization: TOKEN },
      { authorization: `Basic ${TOKEN}` },
    ]) {
      const response = await scrape(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.json).toEqual({ error: "A valid metrics token is required" });
      expect(response.text).not.toContain("http_request_duration_seconds");
    }
  });

  it("serves Prometheus text to the bearer of the token, never cached", async () => {
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.text).toContain("# TYPE process_cpu_user_seconds_total counter");
    expect(() => samples(response.text)).not.toThrow();
  });

  it("refuses to start with a guessable token", () => {
    const base = { ENCRYPTION_KEY: process.env.ENCRYPTION_KEY, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET };
    expect(() => parseServerEnv({ ...base, METRICS_TOKEN: "secret" })).toThrow(ServerConfigError);
    expect(parseServerEnv({ ...base, METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
  });
});

describe("request metrics", () => {
  it("label each request with its route pattern, so ids chosen by a client never become series", async () => {
    const integration = await signedPage(org);
    const ids = [integration.id, randomUUID(), randomUUID(), "not-a-uuid-at-all", "%3Cscript%3E"];
    for (const id of ids) {
      await callRoute(detailRoute.GET, {
        path: `/organization-integration/${id}`,
        params: { integration_id: decodeURIComponent(id) },
        headers: bearer(org.keys.viewer),
      });
    }
    await callRoute(detailRoute.GET, {
      path: `/organization-integration/${randomUUID()}`,
      params: { integration_id: "x" },
      headers: {},
    });
    const { text } = await scrape();
    for (const id of ids) expect(text).not.toContain(decodeURIComponent(id));
    const routes = new Set(
      samples(text)
        .filter((s) => s.name === "http_request_duration_seconds_count")
        .map((s) => s.labels.route),
    );
    expect(routes).toContain("/organization-integration/[integration_id]");
    for (const route of routes) expect(route).toMatch(/^(\/[a-z0-9.-]+|\/\[[a-z_.]+\])+$|^other$/);
    const detail = { method: "GET", route: "/organization-integration/[integration_id]" };
    expect(valueOf(text, "http_request_duration_seconds_count", { ...detail, status: "200" })).toBeGreaterThanOrEqual(
      1,
    );
    expect(valueOf(text, "http_request_duration_seconds_count", { ...detail, status: "404" })).toBeGreaterThanOrEqual(
      2,
    );
    // A params value that is nowhere in the path (it cannot be attributed) is "other", not the raw path.
    expect(
      valueOf(text, "http_request_duration_seconds_count", { route: "other", status: "401" }),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe("webhook metrics", () => {
  it("count deliveries accepted and rejected, and events stored and deduplicated", async () => {
    const before = (await scrape()).text;
    const page = await signedPage(org);
    const batch = payloadFor(page.pageId, [
      messageEvent(page.pageId, newPsid()),
      messageEvent(page.pageId, newPsid()),
      messageEvent(page.pageId, newPsid()),
    ]);
    expect((await postWebhook(org.orgId, batch, { secret: page.appSecret })).status).toBe(200);
    expect((await postWebhook(org.orgId, batch, { secret: page.appSecret })).status).toBe(200); // Meta redelivers
    expect((await postWebhook(org.orgId, batch, { secret: "forged" })).status).toBe(401);
    const after = (await scrape()).text;
    const delta = deltaBetween(before, after);
    expect(delta("messenger_webhook_deliveries_total", { outcome: "accepted" })).toBe(2);
    expect(delta("messenger_webhook_deliveries_total", { outcome: "rejected" })).toBe(1);
    expect(delta("messenger_webhook_events_total", { outcome: "stored" })).toBe(3);
    expect(delta("messenger_webhook_events_total", { outcome: "deduplicated" })).toBe(3);
  });
});
