// Route handlers that need no session or key (first-run setup, accepting an invite, a password-reset link): the same
// single error mapping and metrics as apiRoute, without authentication. Each one checks its own credential (a
// one-time token) or precondition (no user yet), and rate-limits guesses itself.
import { observeApiRequest } from "@/lib/metrics/app-metrics";
import { errorResponse } from "./errors";
import { checkResponseContract, isResponseCheckOn } from "./response-contract";

export function publicRoute(handler: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const startedAt = performance.now();
    let response: Response;
    try {
      response = await handler(request);
    } catch (error) {
      response = errorResponse(error);
    }
    // As in apiRoute: development and tests check the answer against its declaration (lib/api/operations/).
    if (isResponseCheckOn()) response = await checkResponseContract(request, {}, response);
    observeApiRequest(request, {}, response.status, startedAt);
    return response;
  };
}
