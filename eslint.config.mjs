import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: [".next/**", ".next-*/**", "lib/generated/**", "node_modules/**", ".data/**", "next-env.d.ts", "playwright-report/**", "test-results/**", "clients/typescript/dist/**"] },
];

export default config;
