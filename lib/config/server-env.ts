// Every setting the server reads, validated once. See the README's table for what each one does.
import { z } from "zod";
import { createKeyring, type EncryptionKeyring } from "@/lib/crypto/secrets";

const ZServerEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PUBLIC_BASE_URL: z.url().default("http://localhost:3000"),
  GRAPH_API_BASE_URL: z.url().default("https://graph.facebook.com"),
  GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, "must look like v21.0").default("v21.0"),
  ENCRYPTION_KEY: z.string().min(1).optional(),
  ENCRYPTION_KEYS_PREVIOUS: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  FACEBOOK_APP_SECRET: z.string().min(1).optional(),
  // How long a call to a provider (Graph API, HubSpot, Salesforce, Odoo) may take before we answer 502.
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // Provider calls to loopback/private/link-local addresses are refused unless this is set (tests, on-premise Odoo).
  PROVIDER_ALLOW_PRIVATE_HOSTS: z
    .enum(["0", "1", "true", "false"], { error: "must be 1 or 0" })
    .default("0")
    .transform((value) => value === "1" || value === "true"),
  CORS_ALLOWED_ORIGINS: z.string().default(""),
  REDIS_URL: z.string().optional(),
});

export type ServerEnv = z.infer<typeof ZServerEnv> & {
  keyring: EncryptionKeyring;
  authSecret: string;
  corsAllowedOrigins: string[];
  defaultFacebookApiBaseUrl: string;
};

export class ServerConfigError extends Error {}

function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = ZServerEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ServerConfigError(`Invalid server configuration: ${problems}`);
  }
  const env = parsed.data;
  const { ENCRYPTION_KEY: encryptionKey, NEXTAUTH_SECRET: authSecret } = env;
  // In development the launcher (scripts/launch.ts) fills these in from .data/dev-secrets.json before Next starts.
  if (!encryptionKey || !authSecret) {
    throw new ServerConfigError(
      "ENCRYPTION_KEY and NEXTAUTH_SECRET must be set (generate each with `openssl rand -base64 32`); `npm run dev` sets them up for development.",
    );
  }
  const previousKeys = (env.ENCRYPTION_KEYS_PREVIOUS ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  let keyring: EncryptionKeyring;
  try {
    keyring = createKeyring(encryptionKey, previousKeys);
  } catch (error) {
    throw new ServerConfigError((error as Error).message);
  }
  return {
    ...env,
    keyring,
    authSecret,
    corsAllowedOrigins: env.CORS_ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean),
    defaultFacebookApiBaseUrl: `${env.GRAPH_API_BASE_URL.replace(/\/+$/, "")}/${env.GRAPH_API_VERSION}`,
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL.replace(/\/+$/, ""),
  };
}

let cached: ServerEnv | undefined;

/** The validated settings; read lazily so tests can set the environment before first use. */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

export { parseServerEnv };
