// Secrets at rest, replaying what someone with write access to the rows (but not ENCRYPTION_KEY) could try: moving
// another organization's ciphertext into a row they control so the app decrypts it and sends it to their server.
// Also: api_key is encrypted like the other secrets, and rows written before (api_key in clear, v1 payloads) are
// rewritten by the migration step and keep working.
import { createCipheriv, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serverEnv } from "@/lib/config/server-env";
import { migrateSecretFormats } from "@/lib/crypto/migrate-secret-formats";
import { db } from "@/lib/db/prisma";
import { startFakeHubSpotServer, type FakeHubSpotServer } from "../helpers/fake-hubspot-server";
import { createIntegration, integrationApi } from "../helpers/integration-api";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let victim: TestOrg;
let attacker: TestOrg;
let victimHubSpot: FakeHubSpotServer;
let attackerServer: FakeHubSpotServer;

beforeAll(async () => {
  [victim, attacker] = await Promise.all([createTestOrg(), createTestOrg()]);
  [victimHubSpot, attackerServer] = await Promise.all([startFakeHubSpotServer(), startFakeHubSpotServer()]);
});
afterAll(async () => Promise.all([victimHubSpot.close(), attackerServer.close()]));

const createHubSpot = (org: TestOrg, apiBaseUrl: string, accessToken: string) =>
  createIntegration(org, {
    integration_type: "hubspot",
    name: `HubSpot ${randomUUID().slice(0, 6)}`,
    api_base_url: apiBaseUrl,
    access_token: accessToken,
  });
const testConnection = (org: TestOrg, id: string) => integrationApi(org.keys.admin).testConnection(id);

const rawColumn = async (id: string, column: string) =>
  (
    await db().$queryRawUnsafe<Record<string, string | null>[]>(
      `SELECT ${column} AS value FROM integrations WHERE id = $1::uuid`,
      id,
    )
  )[0].value;

describe("a ciphertext moved to another organization's row", () => {
  it("does not decrypt there, so the victim's token never reaches the attacker's server", async () => {
    const victimToken = `victim-token-${randomBytes(8).toString("hex")}`;
    const victimId = await createHubSpot(victim, victimHubSpot.origin, victimToken);
    victimHubSpot.addToken(victimToken, 111);
    const attackerId = await createHubSpot(attacker, attackerServer.origin, "attacker-own-token");

    // The attacker copies the victim's stored token into their own integration (SQL access, a restored backup, …).
    await db().$executeRawUnsafe(
      "UPDATE integrations SET access_token = (SELECT access_token FROM integrations WHERE id = $1::uuid) WHERE id = $2::uuid",
      victimId,
      attackerId,
    );
    const response = await testConnection(attacker, attackerId);
    expect(response.status).toBe(409);
    expect(response.json.error).toMatch(/access_token cannot be decrypted here; enter it again/);
    expect(attackerServer.requests.map((request) => request.headers.authorization)).not.toContain(
      `Bearer ${victimToken}`,
    );

    // The victim's own row is untouched and still works.
    expect((await testConnection(victim, victimId)).json).toMatchObject({ ok: true });
  });

  it("still lets the detail open (the unreadable value shows as null) so it can be entered again", async () => {
    const victimId = await createHubSpot(victim, victimHubSpot.origin, "t1");
    const attackerId = await createHubSpot(attacker, attackerServer.origin, "t2");
    await db().$executeRawUnsafe("UPDATE integrations SET api_key = $1 WHERE id = $2::uuid", "victim-app-id", victimId);
    await db().$executeRawUnsafe(
      "UPDATE integrations SET api_key = (SELECT access_token FROM integrations WHERE id = $1::uuid) WHERE id = $2::uuid",
      victimId,
      attackerId,
    );
    const detail = await integrationApi(attacker.keys.admin).detail(attackerId);
    expect(detail.status).toBe(200);
    expect(detail.json.integration.api_key).toBeNull();
    expect(detail.text).not.toContain("t1");
  });
});

describe("rows written before api_key was encrypted and payloads were bound to their row", () => {
  /** The v1 format: AES-256-GCM without associated data. */
  function encryptV1(plaintext: string) {
    const { id, key } = serverEnv().keyring.current;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [
      "v1",
      id,
      iv.toString("base64url"),
      cipher.getAuthTag().toString("base64url"),
      ciphertext.toString("base64url"),
    ].join(":");
  }

  it("are rewritten by the migration step, keep their values and keep working", async () => {
    const id = await createHubSpot(victim, victimHubSpot.origin, "placeholder");
    const legacyToken = `legacy-${randomBytes(6).toString("hex")}`;
    victimHubSpot.addToken(legacyToken, 222);
    await db().$executeRawUnsafe(
      "UPDATE integrations SET api_key = $1, access_token = $2, webhook_verify_token = $3 WHERE id = $4::uuid",
      "legacy-app-id",
      encryptV1(legacyToken),
      encryptV1("legacy-verify"),
      id,
    );
    // Unbound payloads are not used before the migration step rewrote them (it runs before the app starts).
    const before = await testConnection(victim, id);
    expect(before.status).toBe(409);
    expect(before.json.error).toMatch(/access_token cannot be decrypted here/);
    const first = await migrateSecretFormats(inject("databaseUrl"), serverEnv().keyring);
    expect(first.rewritten).toBeGreaterThanOrEqual(3);
    expect(first.failed).toBe(0);
    for (const column of ["api_key", "access_token", "webhook_verify_token"])
      expect(await rawColumn(id, column)).toMatch(/^v2:/);
    expect(await rawColumn(id, "api_key")).not.toContain("legacy-app-id");

    const detail = await integrationApi(victim.keys.admin).detail(id);
    expect(detail.json.integration).toMatchObject({ api_key: "legacy-app-id", webhook_verify_token: "legacy-verify" });
    expect((await testConnection(victim, id)).json).toMatchObject({ ok: true });
    expect((await migrateSecretFormats(inject("databaseUrl"), serverEnv().keyring)).rewritten).toBe(0);
  });
});
