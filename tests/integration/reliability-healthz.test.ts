// GET /healthz follows the database: 200 while it answers, 503 {error} as soon as it is unreachable (within the
// check's time bound, even for connections that were open), 200 again once it is back. This file's database
// traffic goes through a TCP proxy that the test cuts.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as healthzRoute from "@/app/healthz/route";
import { DATABASE_CHECK_TIMEOUT_MS } from "@/app/healthz/check-database";
import { callRoute } from "../helpers/call-route";
import { proxyTargetOf, startFaultProxy, type FaultProxy } from "../system/support/tcp-fault-proxy";

let proxy: FaultProxy;

beforeAll(async () => {
  const databaseUrl = new URL(inject("databaseUrl"));
  proxy = await startFaultProxy(proxyTargetOf(databaseUrl.toString()));
  process.env.DATABASE_URL = proxy.url(databaseUrl.toString());
});

afterAll(() => proxy?.close());

const healthz = () => callRoute(healthzRoute.GET, { path: "/healthz" });

describe("GET /healthz", () => {
  it("is public and reports the database; 503 while it is unreachable, 200 when it is back", async () => {
    const up = await healthz();
    expect(up.status).toBe(200);
    expect(up.json).toEqual({ status: "ok", database: "ok" });
    expect(up.headers.get("cache-control")).toBe("no-store");

    expect(proxy.cut()).toBeGreaterThan(0);
    const started = Date.now();
    const down = await healthz();
    expect(down.status).toBe(503);
    expect(down.json).toEqual({ error: expect.any(String) });
    expect(Date.now() - started).toBeLessThan(DATABASE_CHECK_TIMEOUT_MS + 3000);

    proxy.restore();
    let again = await healthz();
    // The pool may hand out one more dead connection before it notices; a load balancer probes again anyway.
    if (again.status !== 200) again = await healthz();
    expect(again.status).toBe(200);
  });
});
