// Writes clients/typescript/src/api-schema.ts from the OpenAPI document, built in-process from the operation
// declarations (no server needed). Runs on every `npm install` (postinstall, after `prisma generate`) and by
// `npm run client:generate` / `client:build`; the file is not committed, like Prisma's client, so the typed client's
// types can never lag behind the API (docs/decisions/0009).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { openApiDocument } from "@/lib/api/openapi";

const TARGET = path.resolve(import.meta.dirname, "../clients/typescript/src/api-schema.ts");
const HEADER =
  "// Generated from /openapi.json by scripts/generate-client-types.ts (openapi-typescript). Do not edit.\n\n";

// A fixed server URL: the generated types must not depend on the machine's PUBLIC_BASE_URL.
const document = openApiDocument("http://localhost:3000");
const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], {
  alphabetize: false,
  exportType: true,
});
await writeFile(TARGET, HEADER + astToString(ast));
console.log(`wrote ${path.relative(process.cwd(), TARGET)}`);
