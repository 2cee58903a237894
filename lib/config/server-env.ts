// Every setting the server reads, validated once. See the README's table for what each one does.
import { z } from "zod";
import { parsePrivateHostsSetting } from "@/lib/connections/private-hosts-setting";
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
  // Server-level OAuth apps behind "Connect with …" (lib/oauth/); a provider is offered when its id and secret are
  // both set. The endpoint URLs default to the providers' own (lib/oauth/oauth-providers.ts); tests point them at fakes.
  HUBSPOT_CLIENT_ID: z.string().min(1).optional(),
  HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
  HUBSPOT_OAUTH_AUTHORIZE_URL: z.url().optional(),
  HUBSPOT_OAUTH_TOKEN_URL: z.url().optional(),
  SALESFORCE_CLIENT_ID: z.string().min(1).optional(),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).optional(),
  SALESFORCE_OAUTH_AUTHORIZE_URL: z.url().optional(),
  SALESFORCE_OAUTH_TOKEN_URL: z.url().optional(),
  FACEBOOK_APP_ID: z.string().regex(/^\d+$/, "must be the numeric Meta App ID").optional(),
  FACEBOOK_OAUTH_AUTHORIZE_URL: z.url().optional(),
  // Graph API root (with version) for the sign-in's token exchange and Page list; default GRAPH_API_BASE_URL/VERSION.
  FACEBOOK_OAUTH_GRAPH_URL: z.url().optional(),
  // How long a call to a provider (Graph API, HubSpot, Salesforce, Odoo) may take before we answer 502.
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // Provider calls to loopback/private/link-local addresses are refused unless allowed here: "1" all of them (tests),
  // or a list of hosts and CIDR ranges (an on-premise Odoo). See lib/connections/private-hosts-setting.ts.
  PROVIDER_ALLOW_PRIVATE_HOSTS: z
    .string()
    .default("0")
    .transform((value, context) => {
      try {
        return parsePrivateHostsSetting(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: `must be 0, 1 or a comma-separated list of hosts and CIDR ranges: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  CORS_ALLOWED_ORIGINS: z.string().default(""),
  REDIS_URL: z.string().optional(),
  // Proxies of ours in front of the app, each appending to X-Forwarded-For (0 = clients connect to the app directly).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  NEXTAUTH_URL: z.url().optional(),
  ALLOW_INSECURE_HTTP: z.enum(["0", "1"], { error: "must be 1 or 0" }).default("0"),
  // Hosts (with their subdomains) attachment and profile-picture links may be downloaded from: Meta's CDN.
  MESSENGER_MEDIA_HOSTS: z.string().default("fbcdn.net,fbsbx.com,facebook.com"),
  // How often a live inbox stream sends a keep-alive and re-checks that its caller may still read the inbox.
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  // Background jobs (graphile-worker on the app's database) run in every instance unless turned off on one.
  JOBS_ENABLED: z
    .enum(["0", "1", "true", "false"], { error: "must be 1 or 0" })
    .default("1")
    .transform((value) => value === "1" || value === "true"),
  // Token refresh sweep (lib/token-refresh/): how often it looks, and how long before expiry it refreshes a token.
  TOKEN_REFRESH_INTERVAL_MS: z.coerce.number().int().min(1_000).max(24 * 60 * 60 * 1000).default(60_000),
  TOKEN_REFRESH_LEAD_MS: z.coerce.number().int().min(60_000).max(7 * 24 * 60 * 60 * 1000).default(10 * 60 * 1000),
  // Ceiling on all webhook deliveries per organization and minute (lib/messenger/webhook-rate-limit.ts).
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(12_000),
  // Bearer token for GET /metrics (Prometheus); unset = the endpoint answers 404.
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters (e.g. `openssl rand -hex 32`)").optional(),
});

export type ServerEnv = z.infer<typeof ZServerEnv> & {
  keyring: EncryptionKeyring;
  authSecret: string;
  corsAllowedOrigins: string[];
  defaultFacebookApiBaseUrl: string;
  messengerMediaHosts: string[];
};

export class ServerConfigError extends Error {}

/**
 * Session cookies are Secure (and named __Secure-…) only when NEXTAUTH_URL is https, so production refuses a
 * plain-HTTP NEXTAUTH_URL unless ALLOW_INSECURE_HTTP=1 says this is a lab without TLS.
 */
export function insecureAuthUrlProblem(source: Record<string, string | undefined>): string | null {
  if (source.ALLOW_INSECURE_HTTP === "1" || source.NEXTAUTH_URL?.startsWith("https://")) return null;
  return "NEXTAUTH_URL must be the https:// address people use to reach the app (TLS may end at a proxy in front of it); set ALLOW_INSECURE_HTTP=1 only for a plain-HTTP lab.";
}

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
  const authUrlProblem = env.NODE_ENV === "production" ? insecureAuthUrlProblem(source) : null;
  if (authUrlProblem) throw new ServerConfigError(authUrlProblem);
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
    messengerMediaHosts: env.MESSENGER_MEDIA_HOSTS.split(",").map((host) => host.trim().toLowerCase()).filter(Boolean),
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
