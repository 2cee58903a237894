// Every API route handler goes through here: authentication, the same-origin rule for cookies, CORS, and the one
// error mapping. Handlers only parse input, call one service and shape the answer.
import type { Actor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/authenticate";
import { corsPreflight, withCors } from "./cors";
import { errorResponse } from "./errors";
import { assertSameOrigin } from "./same-origin";

type RouteContext = { params: Promise<Record<string, string>> };
export type ApiContext = { actor: Actor; params: Record<string, string> };
type ApiHandler = (request: Request, context: ApiContext) => Promise<Response>;

export function apiRoute(handler: ApiHandler) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    let response: Response;
    try {
      const { actor, via } = await authenticate(request);
      if (via === "session") assertSameOrigin(request);
      response = await handler(request, { actor, params: (await context?.params) ?? {} });
    } catch (error) {
      response = errorResponse(error);
    }
    return withCors(request, response);
  };
}

export { corsPreflight as OPTIONS_HANDLER };
