// Key rotation: re-encrypts every stored secret under the current ENCRYPTION_KEY and the current payload format.
// Payloads written with a key in ENCRYPTION_KEYS_PREVIOUS, v1 payloads (not bound to their row) and api_key values
// stored in clear before it was encrypted are written again; payloads already current are left alone, so a second run
// changes nothing. Safe while the app runs: each value is replaced only if it is still the one that was read (a
// concurrent update wins), and updated_at is not touched (rotation is not a user-visible change).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  decryptSecret,
  encryptSecret,
  isEncryptedPayload,
  needsReEncryption,
  secretContext,
  type EncryptionKeyring,
} from "./secrets";

/** Every encrypted column. Table and column names are constants: they are interpolated into SQL below. */
export const ENCRYPTED_COLUMNS = {
  integrations: ["webhook_verify_token", "api_key", "api_secret", "access_token", "refresh_token"],
  // A "Connect with …" sign-in in flight: the PKCE verifier, then Facebook's long-lived user token (lib/oauth/).
  oauth_states: ["secret"],
} as const;

/** Columns that held plaintext before they were encrypted: a value that is not a payload is encrypted as it is. */
const ONCE_PLAINTEXT_COLUMNS = new Set(["integrations.api_key"]);

export type ColumnCounts = { reEncrypted: number; alreadyCurrent: number; failed: number };
export type RotationReport = { rows: number; columns: Record<string, ColumnCounts> };

const BATCH_SIZE = 500;
const NO_ID = "00000000-0000-0000-0000-000000000000";

type Row = { id: string } & Record<string, string | null>;

/**
 * `onlyOldFormats`: leave values under older keys alone and only rewrite v1 payloads and plaintext; rows that need
 * nothing are filtered out in SQL, so this is cheap enough to run on every start and deploy (see db:migrate).
 */
export async function rotateSecrets(options: {
  client: PrismaClient;
  keyring: EncryptionKeyring;
  onlyOldFormats?: boolean;
}): Promise<RotationReport> {
  const { client, keyring, onlyOldFormats = false } = options;
  const report: RotationReport = { rows: 0, columns: {} };
  for (const [table, columns] of Object.entries(ENCRYPTED_COLUMNS)) {
    for (const column of columns)
      report.columns[`${table}.${column}`] = { reEncrypted: 0, alreadyCurrent: 0, failed: 0 };
    const filter = onlyOldFormats ? `AND (${columns.map((column) => `${column} NOT LIKE 'v2:%'`).join(" OR ")})` : "";
    // Keyset pagination by id: constant memory, and rows inserted meanwhile are written with the current key anyway.
    for (let lastId = NO_ID; ;) {
      const rows = await client.$queryRawUnsafe<Row[]>(
        `SELECT id::text AS id, ${columns.join(", ")} FROM ${table} WHERE id > $1::uuid ${filter} ORDER BY id LIMIT ${BATCH_SIZE}`,
        lastId,
      );
      if (rows.length === 0) break;
      for (const row of rows) await rotateRow({ client, table, columns, row, keyring, report, onlyOldFormats });
      report.rows += rows.length;
      lastId = rows[rows.length - 1].id;
    }
  }
  return report;
}

async function rotateRow(options: {
  client: PrismaClient;
  table: string;
  columns: readonly string[];
  row: Row;
  keyring: EncryptionKeyring;
  report: RotationReport;
  onlyOldFormats: boolean;
}) {
  const { client, table, columns, row, keyring, report, onlyOldFormats } = options;
  for (const column of columns) {
    const stored = row[column];
    if (!stored) continue;
    const counts = report.columns[`${table}.${column}`];
    const context = secretContext(table, column, row.id);
    const isPlaintext = ONCE_PLAINTEXT_COLUMNS.has(`${table}.${column}`) && !isEncryptedPayload(stored);
    const isOldFormat = isPlaintext || !stored.startsWith("v2:");
    if (!isPlaintext && (!needsReEncryption(stored, keyring) || (onlyOldFormats && !isOldFormat))) {
      counts.alreadyCurrent++;
      continue;
    }
    let plaintext: string;
    try {
      plaintext = isPlaintext ? stored : decryptSecret(stored, keyring, context, { acceptUnbound: true });
    } catch {
      // Unknown key or damaged payload: left as it is and reported (by count only) so the operator can act.
      counts.failed++;
      continue;
    }
    await client.$executeRawUnsafe(
      `UPDATE ${table} SET ${column} = $1 WHERE id = $2::uuid AND ${column} = $3`,
      encryptSecret(plaintext, keyring, context),
      row.id,
      stored,
    );
    counts.reEncrypted++;
  }
}
