// Every answer a test gets from a route handler is validated against /openapi.json itself (the generated JSON
// Schema, by a JSON Schema validator unrelated to zod): the document external frontends and the typed client are
// built from must describe what the server really sends.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/api/openapi";
import { findOperation } from "@/lib/api/operations/api-operations";
import { routePatternOf } from "@/lib/metrics/route-pattern";

const DOCUMENT_ID = "https://openapi.test/openapi.json";

type ResponseObject = { content?: Record<string, { schema?: { $ref?: string } }> };
type OperationObject = { responses: Record<string, ResponseObject> };

let compiled: { document: ReturnType<typeof openApiDocument>; ajv: Ajv2020 } | null = null;
const validators = new Map<string, ValidateFunction>();

function documentAndValidator() {
  if (compiled) return compiled;
  const document = openApiDocument("https://integrations.example.test");
  // strict off: the document carries OpenAPI keywords (paths, example…) that are not JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  compiled = { document, ajv };
  return compiled;
}

function validatorFor(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    validate = documentAndValidator().ajv.getSchema(`${DOCUMENT_ID}${ref}`);
    if (!validate) throw new Error(`/openapi.json has no schema at ${ref}`);
    validators.set(ref, validate);
  }
  return validate;
}

/** Why this answer is not what /openapi.json says, or null (also null for routes the document does not declare). */
export function openApiViolation(
  method: string,
  path: string,
  params: Record<string, string>,
  status: number,
  contentType: string,
  json: unknown,
): string | null {
  const operation = findOperation(method, routePatternOf(new URL(path, "https://x.test").pathname, params));
  if (!operation) return null;
  const described = (documentAndValidator().document.paths[operation.path] as Record<string, OperationObject>)[
    operation.method
  ]!;
  const response = described.responses[String(status)];
  if (!response) return `${method} ${operation.path}: status ${status} is not in /openapi.json`;
  const ref = response.content?.["application/json"]?.schema?.$ref;
  const isJson = contentType.startsWith("application/json");
  if (!ref) return isJson ? `${method} ${operation.path}: ${status} is not documented as JSON` : null;
  if (!isJson)
    return `${method} ${operation.path}: ${status} is documented as JSON, not ${contentType || "no content type"}`;
  const validate = validatorFor(ref);
  if (validate(json)) return null;
  const errors = (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || "(body)"} ${error.message}`);
  return `${method} ${operation.path} ${status} does not match ${ref}: ${errors.join("; ")}`;
}
