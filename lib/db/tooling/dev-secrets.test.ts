import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEncryptionKey } from "@/lib/crypto/secrets";
import { loadOrCreateDevSecrets } from "./dev-secrets";
import { parseServerEnv } from "@/lib/config/server-env";

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

describe("development secrets", () => {
  it("are generated once, private to the user, and reused afterwards", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "oi-secrets-"));
    folders.push(folder);
    const file = path.join(folder, "nested", "dev-secrets.json");
    const first = loadOrCreateDevSecrets(file);
    expect(first.isNew).toBe(true);
    expect(parseEncryptionKey(first.secrets.ENCRYPTION_KEY)).toHaveLength(32);
    expect(first.secrets.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o077).toBe(0);
    const second = loadOrCreateDevSecrets(file);
    expect(second).toEqual({ secrets: first.secrets, isNew: false });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(first.secrets);
  });
});

describe("server configuration", () => {
  const valid = { ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), NEXTAUTH_SECRET: "x".repeat(40) };

  it("refuses to run without secrets, or with a malformed key, and says how to fix it", () => {
    expect(() => parseServerEnv({ NODE_ENV: "production" })).toThrow(/ENCRYPTION_KEY and NEXTAUTH_SECRET must be set/);
    expect(() => parseServerEnv({ ...valid, ENCRYPTION_KEY: "too-short" })).toThrow(/32 bytes/);
    expect(() => parseServerEnv({ ...valid, ENCRYPTION_KEYS_PREVIOUS: "nope" })).toThrow(/ENCRYPTION_KEYS_PREVIOUS/);
    expect(() => parseServerEnv({ ...valid, GRAPH_API_VERSION: "17" })).toThrow(/GRAPH_API_VERSION/);
  });

  it("derives the Facebook default API base and CORS list", () => {
    const env = parseServerEnv({
      ...valid,
      GRAPH_API_VERSION: "v19.0",
      CORS_ALLOWED_ORIGINS: "https://a.test, https://b.test",
      PUBLIC_BASE_URL: "https://x.test/",
    });
    expect(env.defaultFacebookApiBaseUrl).toBe("https://graph.facebook.com/v19.0");
    expect(env.corsAllowedOrigins).toEqual(["https://a.test", "https://b.test"]);
    expect(env.PUBLIC_BASE_URL).toBe("https://x.test");
  });
});
