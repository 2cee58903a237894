// The practical limit for the two read endpoints: a minimal node:http + pg server answering the same list and
// detail JSON from the same database, doing the same essential work — API-key lookup by hash, the org check, one
// query, decrypting the verify token for the detail — and nothing else (no framework, no validation library,
// no ORM). `npm run bench` reports the app's throughput as a ratio of this one's.
//
// Run: DATABASE_URL=… ENCRYPTION_KEY=… PORT=… node --import tsx bench/raw-server.ts  (prints "listening <port>")
import { createHash } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import pg from "pg";
import { createKeyring, decryptSecret, secretContext } from "../lib/crypto/secrets";

const keyring = createKeyring(process.env.ENCRYPTION_KEY!);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
});
const MASK = "••••••";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type IntegrationRow = Record<string, string | boolean | Date | null> & {
  org_id: string;
  created_at: Date;
  updated_at: Date;
};

function send(response: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  response.end(json);
}

async function orgOfApiKey(authorization: string | undefined): Promise<string | null> {
  const key = authorization?.startsWith("Bearer ") ? authorization.slice(7) : null;
  if (!key) return null;
  const hash = createHash("sha256").update(key).digest("hex");
  const { rows } = await pool.query("SELECT org_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL", [hash]);
  return rows[0]?.org_id ?? null;
}

const listItem = (row: IntegrationRow) => ({
  id: row.id,
  org_id: row.org_id,
  integration_type: row.integration_type,
  name: row.name,
  is_active: row.is_active,
  api_base_url: row.api_base_url,
  webhook_url: row.webhook_url,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});

const detail = (row: IntegrationRow) => ({
  ...listItem(row),
  webhook_verify_token: row.webhook_verify_token
    ? decryptSecret(
        row.webhook_verify_token as string,
        keyring,
        secretContext("integrations", "webhook_verify_token", row.id as string),
      )
    : null,
  api_key: row.api_key
    ? decryptSecret(row.api_key as string, keyring, secretContext("integrations", "api_key", row.id as string))
    : null,
  api_secret: row.api_secret ? MASK : null,
  access_token: row.access_token ? MASK : null,
  refresh_token: row.refresh_token ? MASK : null,
  token_expires_at: row.token_expires_at ? (row.token_expires_at as Date).toISOString() : null,
  config: row.config,
  status: {
    needs_reauth: row.needs_reauth,
    last_checked_at: row.last_checked_at ? (row.last_checked_at as Date).toISOString() : null,
    last_check_ok: row.last_check_ok,
    last_check_error: row.last_check_error,
  },
});

const server = createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? "/", "http://raw");
    const orgId = await orgOfApiKey(request.headers.authorization);
    if (!orgId) return send(response, 401, { error: "Invalid or revoked API key" });
    if (url.pathname === "/organization-integrations") {
      if (url.searchParams.get("org_id") !== orgId) return send(response, 403, { error: "Forbidden" });
      const { rows } = await pool.query(
        "SELECT * FROM integrations WHERE org_id = $1 ORDER BY created_at DESC, id ASC",
        [orgId],
      );
      return send(response, 200, { integrations: rows.map(listItem) });
    }
    const id = url.pathname.startsWith("/organization-integration/") ? url.pathname.split("/")[2] : "";
    if (!UUID.test(id)) return send(response, 404, { error: "Not found" });
    const { rows } = await pool.query("SELECT * FROM integrations WHERE id = $1", [id]);
    if (!rows[0] || rows[0].org_id !== orgId) return send(response, 404, { error: "Integration not found" });
    return send(response, 200, { integration: detail(rows[0]) });
  } catch {
    send(response, 500, { error: "Internal server error" });
  }
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
