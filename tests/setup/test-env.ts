// Runs in every integration test worker before any app module is imported.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_MAX = "4";
process.env.ENCRYPTION_KEY = "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1sb24=";
process.env.NEXTAUTH_SECRET = "test-nextauth-secret-that-is-long-enough-0123456789";
process.env.PUBLIC_BASE_URL = "https://integrations.example.test";
process.env.NEXTAUTH_URL = "https://integrations.example.test";
// The fake Graph/HubSpot/Salesforce/Odoo servers of the tests listen on 127.0.0.1.
process.env.PROVIDER_ALLOW_PRIVATE_HOSTS = "1";
// The fake Meta CDN of the tests, instead of Meta's own media hosts.
process.env.MESSENGER_MEDIA_HOSTS = "127.0.0.1,localhost";
process.env.CORS_ALLOWED_ORIGINS = "https://frontend.example.test";
