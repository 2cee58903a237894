// Bench data, written straight into the database (a few multi-row INSERTs, seconds rather than minutes through
// the API): one large organization with 1,000 integrations, 100 organizations with 10 each, and a "writes"
// organization that create/toggle runs write into (so the large list keeps exactly 1,000 rows).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { generateApiKey } from "../lib/auth/api-key-format";
import { encryptSecret, secretContext, type EncryptionKeyring } from "../lib/crypto/secrets";

export type BenchData = {
  largeOrgId: string;
  largeOrgKey: string;
  largeOrgIntegrationIds: string[];
  writesOrgId: string;
  writesOrgKey: string;
  writesOrgIntegrationIds: string[];
  /** Facebook integrations of the writes org with a known page id and app secret, for webhook runs. */
  webhookTargets: { integrationId: string; orgId: string; pageId: string; appSecret: string }[];
};

const TYPES = ["facebook", "hubspot", "salesforce", "odoo_crm", "other"] as const;
const INSERT_BATCH = 250;

/** One integrations row, each value under its column's name (every row has the same columns, in the same order). */
type Row = { id: string } & Record<string, string | boolean | Date | null>;

async function insertRows(client: pg.Client, rows: Row[]) {
  const columns = Object.keys(rows[0]);
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    const batch = rows.slice(start, start + INSERT_BATCH);
    const placeholders = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
    await client.query(
      `INSERT INTO integrations (${columns.join(", ")}) VALUES ${placeholders.join(", ")}`,
      batch.flatMap((row) => columns.map((column) => row[column])),
    );
  }
}

function integrationRow(
  orgId: string,
  index: number,
  keyring: EncryptionKeyring,
  extra: { pageId?: string; appSecret?: string } = {},
): Row {
  const type = extra.pageId ? "facebook" : TYPES[index % TYPES.length];
  const isFacebook = type === "facebook";
  const created = new Date(Date.UTC(2025, 0, 1) + index * 60_000);
  const id = randomUUID();
  const seal = (value: string, column: string) =>
    encryptSecret(value, keyring, secretContext("integrations", column, id));
  return {
    id,
    org_id: orgId,
    integration_type: type,
    name: `Integration ${index}`,
    // Webhook targets are active (an inactive integration only counts deliveries); a third of the others are not.
    is_active: Boolean(extra.pageId) || index % 3 !== 0,
    api_base_url: isFacebook ? "https://graph.facebook.com/v21.0" : `https://api.example.test/${type}`,
    webhook_url: isFacebook ? `https://bench.example.test/webhook?org_id=${orgId}` : null,
    webhook_verify_token: isFacebook ? seal(`verify-${randomUUID()}`, "webhook_verify_token") : null,
    api_key: seal(`public-key-${index}`, "api_key"),
    api_secret: extra.appSecret ? seal(extra.appSecret, "api_secret") : null,
    access_token: seal(`token-${randomUUID()}`, "access_token"),
    config: JSON.stringify(
      extra.pageId ? { page_id: extra.pageId } : isFacebook ? { page_id: String(100000000000000 + index) } : {},
    ),
    created_at: created,
    updated_at: created,
  };
}

async function createOrg(client: pg.Client, name: string, withKey: boolean) {
  const orgId = randomUUID();
  await client.query("INSERT INTO organizations (id, name) VALUES ($1, $2)", [orgId, name]);
  if (!withKey) return { orgId, key: "" };
  const { key, displayPrefix, keyHash } = generateApiKey();
  await client.query(
    "INSERT INTO api_keys (id, org_id, name, role, prefix, key_hash) VALUES ($1, $2, 'bench', 'owner', $3, $4)",
    [randomUUID(), orgId, displayPrefix, keyHash],
  );
  return { orgId, key };
}

export async function seedBenchData(
  databaseUrl: string,
  keyring: EncryptionKeyring,
  webhookPages = 8,
): Promise<BenchData> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const large = await createOrg(client, "Bench large", true);
    const largeRows = Array.from({ length: 1000 }, (_, i) => integrationRow(large.orgId, i, keyring));
    await insertRows(client, largeRows);
    const smallRows: Row[] = [];
    for (let o = 0; o < 100; o++) {
      const small = await createOrg(client, `Bench small ${o}`, false);
      for (let i = 0; i < 10; i++) smallRows.push(integrationRow(small.orgId, i, keyring));
    }
    await insertRows(client, smallRows);
    const writes = await createOrg(client, "Bench writes", true);
    const writesRows = Array.from({ length: 100 }, (_, i) => integrationRow(writes.orgId, i, keyring));
    const webhookTargets = Array.from({ length: webhookPages }, (_, i) => ({
      integrationId: "",
      orgId: writes.orgId,
      pageId: String(900000000000000 + i),
      appSecret: `bench-app-secret-${randomUUID()}`,
    }));
    const webhookRows = webhookTargets.map((target, i) => integrationRow(writes.orgId, 1000 + i, keyring, target));
    webhookRows.forEach((row, i) => (webhookTargets[i].integrationId = row.id));
    await insertRows(client, [...writesRows, ...webhookRows]);
    await client.query("ANALYZE");
    return {
      largeOrgId: large.orgId,
      largeOrgKey: large.key,
      largeOrgIntegrationIds: largeRows.map((row) => row.id),
      writesOrgId: writes.orgId,
      writesOrgKey: writes.key,
      writesOrgIntegrationIds: writesRows.map((row) => row.id),
      webhookTargets,
    };
  } finally {
    await client.end();
  }
}
