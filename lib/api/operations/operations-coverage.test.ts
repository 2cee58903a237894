// Which route handlers have no declared response schema (lib/api/operations/). Other branches add endpoints: this
// test names every route file and method still missing a declaration, so each one is a one-entry fix.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiOperations, findOperation } from "./api-operations";
import { operationKey, routePatternOfPath } from "./define-operation";

const APP_DIR = path.resolve(import.meta.dirname, "../../../app");

/** Not part of the JSON API: NextAuth's own endpoints, probes for operators, the document itself, the reference page. */
const NOT_API = new Set(["/api/auth/[...nextauth]", "/healthz", "/metrics", "/openapi.json", "/docs/api/reference.js"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** "GET /organization-integration/[integration_id]" for every exported handler but OPTIONS (CORS preflight). */
function handledRoutes(): string[] {
  return routeFiles(APP_DIR).flatMap((file) => {
    const pattern = `/${path
      .relative(APP_DIR, path.dirname(file))
      .split(path.sep)
      .filter((segment) => !/^\(.*\)$/.test(segment))
      .join("/")}`;
    if (NOT_API.has(pattern)) return [];
    const source = readFileSync(file, "utf8");
    const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
      ([, method]) => method!,
    );
    return methods.map((method) => operationKey(method, pattern));
  });
}

describe("declared operations", () => {
  it("cover every route handler (the list below is what still needs an entry in lib/api/operations/)", () => {
    const uncovered = handledRoutes().filter((key) => {
      const [method, pattern] = key.split(" ");
      return !findOperation(method!, pattern!);
    });
    expect(uncovered, `routes without a declared response schema:\n${uncovered.join("\n")}`).toEqual([]);
  });

  it("each have a route file, one declaration per method and path, and a unique operationId", () => {
    const handled = new Set(handledRoutes());
    const declared = apiOperations.map((operation) =>
      operationKey(operation.method, routePatternOfPath(operation.path)),
    );
    expect(declared.filter((key) => !handled.has(key))).toEqual([]);
    expect(new Set(declared).size).toBe(declared.length);
    const ids = apiOperations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
