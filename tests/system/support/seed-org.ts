// Data for production-server tests, written straight into the database the server uses: an organization, its
// owner (for a session cookie) with an API key, and optionally a Facebook integration with a known App Secret.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { generateApiKey } from "@/lib/auth/api-key-format";
import { createKeyring, encryptSecret, secretContext } from "@/lib/crypto/secrets";

export type SeededOrg = {
  orgId: string;
  userId: string;
  apiKey: string;
  facebook?: { id: string; pageId: string; appSecret: string };
};

export async function seedOrg(
  databaseUrl: string,
  options: { encryptionKey: string; withFacebook?: boolean },
): Promise<SeededOrg> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [orgId, userId] = [randomUUID(), randomUUID()];
    await client.query("INSERT INTO organizations (id, name) VALUES ($1, 'System test')", [orgId]);
    await client.query("INSERT INTO users (id, email, password_hash) VALUES ($1, $2, 'unused')", [
      userId,
      `owner-${userId}@example.test`,
    ]);
    await client.query("INSERT INTO memberships (user_id, org_id, role) VALUES ($1, $2, 'owner')", [userId, orgId]);
    const { key, displayPrefix, keyHash } = generateApiKey();
    await client.query(
      "INSERT INTO api_keys (id, org_id, name, role, prefix, key_hash) VALUES ($1, $2, 'system', 'owner', $3, $4)",
      [randomUUID(), orgId, displayPrefix, keyHash],
    );
    const seeded: SeededOrg = { orgId, userId, apiKey: key };
    if (options.withFacebook) {
      const keyring = createKeyring(options.encryptionKey);
      const facebook = {
        id: randomUUID(),
        pageId: String(Date.now()).slice(-12),
        appSecret: `app-secret-${randomUUID()}`,
      };
      await client.query(
        `INSERT INTO integrations (id, org_id, integration_type, name, is_active, api_base_url, api_secret, access_token, config, updated_at)
         VALUES ($1, $2, 'facebook', 'Page', true, 'http://127.0.0.1:9/v21.0', $3, $4, $5, now())`,
        [
          facebook.id,
          orgId,
          encryptSecret(facebook.appSecret, keyring, secretContext("integrations", "api_secret", facebook.id)),
          encryptSecret("page-token", keyring, secretContext("integrations", "access_token", facebook.id)),
          JSON.stringify({ page_id: facebook.pageId }),
        ],
      );
      seeded.facebook = facebook;
    }
    return seeded;
  } finally {
    await client.end();
  }
}

export async function sessionCookie(userId: string, secret: string): Promise<string> {
  return `next-auth.session-token=${await encode({ token: { sub: userId }, secret })}`;
}
