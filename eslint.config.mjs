import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    // Only lib/api/ knows HTTP: the rest of lib/ throws domain errors (lib/errors.ts) and never reaches back up.
    files: ["lib/**"],
    ignores: ["lib/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/api", "@/lib/api/*", "../api/*", "../../api/*"],
              message: "lib/ outside lib/api/ must not depend on the HTTP layer.",
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits hides its failure; type-only imports keep server code out of bundles.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "lib/generated/**",
      "node_modules/**",
      ".data/**",
      "next-env.d.ts",
      "playwright-report/**",
      "test-results/**",
      "clients/typescript/dist/**",
    ],
  },
];

export default config;
