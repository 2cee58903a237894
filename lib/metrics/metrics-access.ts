// Who may read /metrics: whoever presents METRICS_TOKEN as a bearer token. Unset, the endpoint does not exist (404),
// so a deployment that never configured metrics exposes nothing. The token is compared in constant time.
import { AppError } from "@/lib/errors";
import { serverEnv } from "@/lib/config/server-env";
import { tokensEqual } from "@/lib/messenger/webhook-signature";

export function assertMetricsAccess(request: Request): void {
  const expected = serverEnv().METRICS_TOKEN;
  if (!expected) throw new AppError("not_found", "Not found");
  const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  // Compared even when absent, so a missing and a wrong token take the same path.
  if (!tokensEqual(given ?? "", expected) || !given) {
    throw new AppError("unauthorized", "A valid metrics token is required", {
      "WWW-Authenticate": 'Bearer realm="metrics"',
    });
  }
}
