import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

// Integration tests run once per database: always the embedded PGlite, and PostgreSQL when TEST_DATABASE_URL is set.
function integrationProject(name: string, globalSetup: string, exclude: string[] = []): TestProjectInlineConfiguration {
  return {
    resolve: { alias },
    test: {
      name,
      include: ["tests/integration/**/*.test.ts"],
      exclude,
      // The leak scan (tests/system/support) captures every response and log line of the run and checks them after it.
      globalSetup: [globalSetup, "tests/system/support/leak-scan-global-setup.ts"],
      setupFiles: ["tests/setup/test-env.ts", "tests/system/support/leak-capture-env.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["lib/**/*.test.ts"] } },
      integrationProject("pglite", "tests/setup/pglite-database.ts"),
      ...(process.env.TEST_DATABASE_URL
        ? [
            integrationProject("postgres", "tests/setup/postgres-database.ts", [
              "tests/integration/embedded-*.test.ts",
              "tests/integration/db-backup.test.ts",
            ]),
          ]
        : []),
      // Production-server tests (npm run test:system): they build the app and need PostgreSQL and Redis.
      ...(process.env.RUN_SYSTEM_TESTS
        ? [
            {
              resolve: { alias },
              test: {
                name: "system",
                include: ["tests/system/**/*.test.ts", "tests/system/**/*.test.tsx"],
                globalSetup: ["tests/system/support/system-global-setup.ts"],
                testTimeout: 120_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
