// The secret-leak scan must really catch a leak: these tests feed it leaks (through the real recorder, the real
// logger and a real route call) in a scratch folder and expect hits, and prove the suite's own capture is live.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createLogger } from "@/lib/logging/logger";
import { bearer, callRoute } from "../helpers/call-route";
import { createRoute } from "../helpers/routes";
import { createTestOrg } from "../helpers/seed";
import { recordRequestSecrets, recordResponse, scanForLeaks } from "../system/support/leak-scan";

const scratchDirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "oi-leak-proof-"));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const secret = () => `sk-live-${Math.random().toString(36).slice(2)}${Date.now()}`;

function logInto(dir: string, write: (log: ReturnType<typeof createLogger>) => void) {
  const destination = pino.destination({ dest: path.join(dir, "log-proof.jsonl"), sync: true });
  write(createLogger({ level: "debug", destination }));
  destination.flushSync();
}

describe("secret-leak scan", () => {
  it("finds a sent secret echoed in a response, as is or encoded", () => {
    const dir = scratch();
    const [plain, encoded] = [secret(), `${secret()} /&?`];
    recordRequestSecrets(
      { name: "x", nested: { access_token: plain }, api_secret: encoded },
      { authorization: "Bearer oik_abcdefghijklmnop" },
      dir,
    );
    recordResponse("GET /clean", 200, JSON.stringify({ access_token: "••••••" }), dir);
    expect(scanForLeaks(dir).hits).toEqual([]);
    recordResponse("GET /echo", 200, JSON.stringify({ debug: plain }), dir);
    recordResponse("GET /url", 400, JSON.stringify({ error: `bad url ?s=${encodeURIComponent(encoded)}` }), dir);
    recordResponse(
      "GET /key",
      200,
      JSON.stringify({ seen: Buffer.from("oik_abcdefghijklmnop").toString("base64") }),
      dir,
    );
    const forms = scanForLeaks(dir)
      .hits.map((hit) => hit.form)
      .sort();
    expect(forms).toEqual(["URL-encoded", "as is", "base64"]);
  });

  it("finds a secret in a log line unless the logger redacted it", () => {
    const dir = scratch();
    const [token, verifyToken] = [secret(), secret()];
    recordRequestSecrets({ access_token: token, webhook_verify_token: verifyToken }, {}, dir);
    logInto(dir, (log) =>
      log.info({ access_token: token, integration: { webhook_verify_token: verifyToken } }, "redacted by key"),
    );
    // The verify token is shown to admins by design: in a response it is fine, in a log line it is a leak.
    recordResponse("GET /detail", 200, JSON.stringify({ webhook_verify_token: verifyToken }), dir);
    expect(scanForLeaks(dir).hits).toEqual([]);
    logInto(dir, (log) => log.warn({ note: `provider said: token ${token} expired` }, "free text is not redacted"));
    logInto(dir, (log) => log.error({ url: `/webhook?hub.verify_token=${verifyToken}` }, "a URL with a token"));
    const hits = scanForLeaks(dir).hits;
    expect(hits.map((hit) => hit.scope).sort()).toEqual(["everywhere", "logs"]);
    expect(hits.every((hit) => hit.file === "log-proof.jsonl")).toBe(true);
  });

  it("is wired into this run: real route calls are captured, and a leak among them would be found", async () => {
    const live = inject("leakScanDir");
    const org = await createTestOrg();
    const accessToken = secret();
    const created = await callRoute(createRoute.POST, {
      method: "POST",
      path: "/create-organization-integration",
      headers: bearer(org.keys.admin),
      body: { org_id: org.orgId, integration_type: "hubspot", name: "Leak proof", access_token: accessToken },
    });
    expect(created.status).toBe(201);
    const captured = readdirSync(live)
      .filter((name) => name.startsWith("secrets-"))
      .map((name) => readFileSync(path.join(live, name), "utf8"))
      .join("");
    expect(captured).toContain(accessToken);
    expect(captured).toContain(org.keys.admin);
    // A copy of everything captured so far, plus one leaking response: the scan must name it.
    const copy = scratch();
    cpSync(live, copy, { recursive: true });
    expect(scanForLeaks(copy).hits).toEqual([]);
    recordResponse("GET /leaky", 200, JSON.stringify({ integration: { access_token: accessToken } }), copy);
    expect(scanForLeaks(copy).hits).toHaveLength(1);
  });
});
