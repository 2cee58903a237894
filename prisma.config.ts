// Prisma CLI configuration. Only `prisma generate` is run through the CLI here: migrations are created and applied
// offline through the wasm schema engine (scripts/db-migrate.ts), because the CLI downloads a native engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
