// Development and tests only: every answer of a declared endpoint (lib/api/operations/) is checked against its
// declaration, so drift between what a handler sends and what /openapi.json, the typed client and the UI expect is
// a loud 500 in the first test that sees it, never a silent surprise for a frontend. Production skips it entirely
// (next build inlines NODE_ENV, so this code is not even in the bundle's hot path).
import { logger } from "@/lib/logging/logger";
import { routePatternOf } from "@/lib/metrics/route-pattern";
import { apiSchemas, ZErrorResponse } from "@/lib/validations/api-schemas";
import { findOperation } from "./operations/api-operations";
import { errorStatusesOf, isRawResponse, type TApiOperation } from "./operations/define-operation";

export const isResponseCheckOn = () => process.env.NODE_ENV !== "production";

/** Why this answer breaks the declaration, or null when it keeps it. */
export async function responseContractViolation(operation: TApiOperation, response: Response): Promise<string | null> {
  const contentType = response.headers.get("content-type") ?? "";
  const declared = operation.responses[response.status];
  const isError = errorStatusesOf(operation).includes(response.status);
  if (!declared && !isError) return `status ${response.status} is not declared`;
  if (declared && isRawResponse(declared)) {
    return contentType.startsWith(declared.contentType)
      ? null
      : `content type ${contentType || "(none)"} is not ${declared.contentType}`;
  }
  if (!contentType.startsWith("application/json"))
    return `content type ${contentType || "(none)"} is not application/json`;
  const schema = declared ?? ZErrorResponse;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (parsed.success) return null;
  // Paths and zod's messages only: a value could be a secret.
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
  return `body does not match ${apiSchemas.get(schema)?.id ?? "its schema"} (${issues.join("; ")})`;
}

/** The response itself, or a 500 that names the broken declaration (development and tests only). */
export async function checkResponseContract(
  request: Request,
  params: Record<string, string>,
  response: Response,
): Promise<Response> {
  const routePattern = routePatternOf(new URL(request.url).pathname, params);
  const operation = findOperation(request.method, routePattern);
  if (!operation) return response;
  const violation = await responseContractViolation(operation, response);
  if (!violation) return response;
  const error = `Response contract broken: ${request.method} ${operation.path} answered ${response.status}, but ${violation}`;
  logger.error({ route: operation.path, status: response.status }, error);
  return Response.json({ error }, { status: 500 });
}

/** For route handlers outside apiRoute (Meta's webhook): the same check, off in production. */
export async function withResponseCheck(request: Request, response: Response): Promise<Response> {
  return isResponseCheckOn() ? checkResponseContract(request, {}, response) : response;
}
