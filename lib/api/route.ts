// Every API route handler goes through here: authentication, the same-origin rule for cookies, CORS, and the one
// error mapping. Handlers only parse input, call one service and shape the answer.
import type { Actor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/authenticate";
import { observeApiRequest } from "@/lib/metrics/app-metrics";
import { withCors } from "./cors";
import { errorResponse } from "./errors";
import { checkResponseContract, isResponseCheckOn } from "./response-contract";
import { assertSameOrigin } from "./same-origin";

type RouteContext = { params: Promise<Record<string, string>> };
export type ApiContext = { actor: Actor; params: Record<string, string> };
type ApiHandler = (request: Request, context: ApiContext) => Promise<Response>;

export function apiRoute(handler: ApiHandler) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const startedAt = performance.now();
    let response: Response;
    let params: Record<string, string> = {};
    try {
      params = (await context?.params) ?? {};
      const { actor, via } = await authenticate(request);
      if (via === "session") assertSameOrigin(request);
      response = await handler(request, { actor, params });
    } catch (error) {
      response = errorResponse(error);
    }
    if (isResponseCheckOn()) response = await checkResponseContract(request, params, response);
    response = withCors(request, response);
    // Per route pattern (the params tell which segments are ids), so labels never carry an id.
    observeApiRequest(request, params, response.status, startedAt);
    return response;
  };
}
