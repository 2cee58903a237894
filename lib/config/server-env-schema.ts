// Every setting the app reads from its environment, each with the one line `.env.example` shows for it
// (scripts/generate-env-example.ts writes that file from this schema). Read through lib/config/server-env.ts.
import { z } from "zod";
import { parsePrivateHostsSetting } from "../connections/private-hosts-setting";

/** Settings production cannot start without: `.env.example` lists them uncommented. */
const requiredInProduction = { isRequiredInProduction: true };

export const ZServerEnv = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"])
    .default("development")
    .describe("development, production or test (`npm start` runs Next as production whatever it says)"),
  PUBLIC_BASE_URL: z
    .url()
    .default("http://localhost:3000")
    .describe("Address people and Meta reach the app at (webhook and OAuth callback URLs are built from it)"),
  GRAPH_API_BASE_URL: z.url().default("https://graph.facebook.com").describe("Meta Graph API root"),
  GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v21.0")
    .default("v21.0")
    .describe("Meta Graph API version"),
  // In development the launcher (scripts/launch.ts) generates these two into PGLITE_DIR/dev-secrets.json.
  ENCRYPTION_KEY: z
    .string()
    .min(1)
    .optional()
    .meta({
      ...requiredInProduction,
      description: "Key stored secrets are encrypted with (`openssl rand -base64 32`)",
    }),
  ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .optional()
    .describe("Comma-separated older keys, still accepted for decryption while `npm run keys:rotate` re-encrypts"),
  NEXTAUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters")
    .optional()
    .meta({ ...requiredInProduction, description: "Signs session cookies (`openssl rand -base64 32`)" }),
  FACEBOOK_APP_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe("Meta App Secret: verifies webhook signatures (X-Hub-Signature-256)"),
  // Server-level OAuth apps behind "Connect with …" (lib/oauth/); a provider is offered when its id and secret are
  // both set. The endpoint URLs default to the providers' own (lib/oauth/oauth-providers.ts); tests point them at fakes.
  HUBSPOT_CLIENT_ID: z.string().min(1).optional().describe('HubSpot OAuth app id ("Connect with HubSpot")'),
  HUBSPOT_CLIENT_SECRET: z.string().min(1).optional().describe("HubSpot OAuth app secret"),
  HUBSPOT_OAUTH_AUTHORIZE_URL: z.url().optional().describe("HubSpot authorize endpoint, if not HubSpot's own"),
  HUBSPOT_OAUTH_TOKEN_URL: z.url().optional().describe("HubSpot token endpoint, if not HubSpot's own"),
  SALESFORCE_CLIENT_ID: z
    .string()
    .min(1)
    .optional()
    .describe('Salesforce connected app id ("Connect with Salesforce")'),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).optional().describe("Salesforce connected app secret"),
  SALESFORCE_OAUTH_AUTHORIZE_URL: z.url().optional().describe("Salesforce authorize endpoint, if not Salesforce's own"),
  SALESFORCE_OAUTH_TOKEN_URL: z.url().optional().describe("Salesforce token endpoint, if not Salesforce's own"),
  FACEBOOK_APP_ID: z
    .string()
    .regex(/^\d+$/, "must be the numeric Meta App ID")
    .optional()
    .describe('Meta App ID ("Connect with Facebook", with FACEBOOK_APP_SECRET)'),
  FACEBOOK_OAUTH_AUTHORIZE_URL: z.url().optional().describe("Facebook login dialog URL, if not Meta's own"),
  FACEBOOK_OAUTH_GRAPH_URL: z
    .url()
    .optional()
    .describe("Graph API root with version for the Facebook sign-in; default GRAPH_API_BASE_URL/GRAPH_API_VERSION"),
  PROVIDER_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(10_000)
    .describe("How long a call to a provider may take before we answer 502"),
  // See lib/connections/private-hosts-setting.ts.
  PROVIDER_ALLOW_PRIVATE_HOSTS: z
    .string()
    .default("0")
    .transform((value, context) => {
      try {
        return parsePrivateHostsSetting(value);
      } catch (error) {
        context.addIssue({
          code: "custom",
          message: `must be 0, 1 or a comma-separated list of hosts and CIDR ranges: ${(error as Error).message}`,
        });
        return z.NEVER;
      }
    })
    .describe(
      "Provider calls to private addresses: 0 refused, 1 allowed (tests), or allowed hosts and CIDR ranges (an on-premise Odoo)",
    ),
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default("")
    .describe("Comma-separated origins of other frontends allowed to call the API"),
  REDIS_URL: z
    .string()
    .optional()
    .describe("Redis shared by all instances for rate limits; unset = counted in memory per process"),
  TRUSTED_PROXY_HOPS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .describe("Proxies of ours in front of the app, each appending to X-Forwarded-For (0 = clients connect directly)"),
  NEXTAUTH_URL: z
    .url()
    .optional()
    .meta({
      ...requiredInProduction,
      description: "https:// address of the sign-in (the launcher defaults it to http://localhost:PORT)",
    }),
  ALLOW_INSECURE_HTTP: z
    .enum(["0", "1"], { error: "must be 1 or 0" })
    .default("0")
    .describe("1 lets production run with a plain-HTTP NEXTAUTH_URL (a lab without TLS)"),
  // Meta's CDN by default.
  MESSENGER_MEDIA_HOSTS: z
    .string()
    .default("fbcdn.net,fbsbx.com,facebook.com")
    .describe("Hosts (with subdomains) attachments and profile pictures may be downloaded from"),
  SSE_HEARTBEAT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(15_000)
    .describe("How often a live inbox stream sends a keep-alive and re-checks its caller's access"),
  // Background jobs are graphile-worker on the app's database.
  JOBS_ENABLED: z
    .enum(["0", "1", "true", "false"], { error: "must be 1 or 0" })
    .default("1")
    .transform((value) => value === "1" || value === "true")
    .describe("0 turns the background job runner off in this instance"),
  // Token refresh sweep (lib/token-refresh/).
  TOKEN_REFRESH_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(24 * 60 * 60 * 1000)
    .default(60_000)
    .describe("How often the token refresh sweep looks for tokens about to expire"),
  TOKEN_REFRESH_LEAD_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(7 * 24 * 60 * 60 * 1000)
    .default(10 * 60 * 1000)
    .describe("How long before expiry a token is refreshed"),
  // lib/messenger/webhook-rate-limit.ts.
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(12_000)
    .describe("Ceiling on all webhook deliveries per organization and minute"),
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(16, "must be at least 16 characters (e.g. `openssl rand -hex 32`)")
    .optional()
    .describe("Bearer token for GET /metrics (Prometheus); unset = the endpoint answers 404"),
  PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number")
    .default("3000")
    .describe("Port `npm run dev` / `npm start` listen on"),
  DATABASE_URL: z
    .string()
    .optional()
    .describe("PostgreSQL connection URL; unset = the embedded PGlite database in PGLITE_DIR"),
  DATABASE_POOL_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe("Most database connections one app process opens (the launcher sets 4 for PGlite)"),
  PGLITE_DIR: z.string().default(".data").describe("Folder of the embedded database and the development secrets"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .optional()
    .describe("fatal, error, warn, info, debug, trace or silent; default info (silent under NODE_ENV=test)"),
  LOG_CAPTURE_DIR: z
    .string()
    .optional()
    .describe("Test suite only: every log line also goes to a file per process here, for the secret-leak scan"),
  // Read by next.config.ts; scripts/production-build.ts sets both for the test suite's production build.
  NEXT_DIST_DIR: z.string().default(".next").describe("Folder `next build` writes to and `next start` serves from"),
  NEXT_SKIP_TYPECHECK: z
    .enum(["0", "1"], { error: "must be 1 or 0" })
    .default("0")
    .describe("1 skips Next's type check during `next build` (`npm run typecheck` covers it)"),
});

export type ServerSettingName = keyof typeof ZServerEnv.shape;
