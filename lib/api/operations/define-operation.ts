// What one endpoint is, declared once: its request and response shapes, errors and documentation. The OpenAPI
// document (lib/api/openapi.ts) is generated from these declarations, and in development and tests every answer of a
// declared endpoint is checked against them (lib/api/response-contract.ts). A new endpoint is one more entry in an
// operations file beside this one.
import type { z } from "zod";

export type TApiTag =
  "Integrations" | "Connections" | "Connect" | "Messenger" | "API keys" | "Members" | "Account" | "Webhook";

/** A non-JSON answer (a file, a stream, Meta's plain-text replies): only its content type is checked. */
export type TRawResponse = { contentType: string; description: string; schema?: Record<string, unknown> };

export type TResponseDeclaration = z.ZodType | TRawResponse;

export type TApiOperation = {
  method: "get" | "post";
  /** As the spec writes it, with `{param}` segments. */
  path: string;
  operationId: string;
  tag: TApiTag;
  summary: string;
  description?: string;
  /** Meta's endpoints: no API key or session, authenticated by their own tokens and signatures. */
  isPublic?: boolean;
  /** The app's own pages only (the OAuth sign-in belongs to a person): a session cookie, never an API key. */
  isSessionOnly?: boolean;
  query?: z.ZodObject;
  /** JSON body; `multipart` adds a form-data alternative (a JSON Schema, for the file part). */
  body?: z.ZodType;
  bodyExample?: unknown;
  multipart?: Record<string, unknown>;
  /** Success answers by status. A zod schema must be registered in lib/validations/api-schemas.ts (a named component). */
  responses: Record<number, TResponseDeclaration>;
  /**
   * Error statuses this endpoint answers with `{ error }`, besides those every endpoint of its kind may answer:
   * 500 and 503 (database unavailable) always, 401, 403 and 429 (no or wrong credentials, a cross-site cookie, too
   * many failed keys from one address) unless public, 413 when it takes a body.
   */
  errors: number[];
};

/** Every error status an endpoint may answer: its own and those of its kind (see `errors`). */
export function errorStatusesOf(
  operation: Pick<TApiOperation, "errors" | "isPublic" | "body" | "multipart">,
): number[] {
  const statuses = new Set([...operation.errors, 500, 503]);
  if (!operation.isPublic) [401, 403, 429].forEach((status) => statuses.add(status));
  if (operation.body || operation.multipart) statuses.add(413);
  return [...statuses].sort((a, b) => a - b);
}

export const isRawResponse = (declaration: TResponseDeclaration): declaration is TRawResponse =>
  typeof (declaration as TRawResponse).contentType === "string";

/** The route file pattern (lib/metrics/route-pattern.ts) of an OpenAPI path: `{id}` becomes `[id]`. */
export const routePatternOfPath = (path: string) => path.replace(/\{([^}]+)\}/g, "[$1]");

export const operationKey = (method: string, routePattern: string) => `${method.toUpperCase()} ${routePattern}`;

/** What an operation declares besides its method, path, id, tag and summary. */
export type TOperationDetails = Omit<TApiOperation, "method" | "path" | "operationId" | "tag" | "summary">;

/**
 * The operations of one tag, each declared as `get(path, operationId, details, summary)`: the repeated keys stay
 * out of the way, so a file of declarations reads as a list of endpoints.
 */
export function operationsTagged(tag: TApiTag) {
  const declare =
    (method: TApiOperation["method"]) =>
    (path: string, operationId: string, details: TOperationDetails, summary: string): TApiOperation => ({
      method,
      path,
      operationId,
      tag,
      summary,
      ...details,
    });
  const get = declare("get");
  return {
    get,
    post: declare("post"),
    /** A GET that reads query parameters (400 when they are wrong; `errors` adds others) and answers 200 `response`. */
    getWithQuery: (
      path: string,
      operationId: string,
      query: z.ZodObject,
      response: z.ZodType,
      summary: string,
      errors: number[] = [400],
    ) => get(path, operationId, { query, responses: { 200: response }, errors }, summary),
  };
}
