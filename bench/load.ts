// One bounded load run with autocannon against a loopback URL.
import autocannon from "autocannon";

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  ok: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
};

export type LoadOptions = {
  url: string;
  connections: number;
  seconds: number;
  /** Stop after this many requests instead of after `seconds`. */
  amount?: number;
  headers?: Record<string, string>;
  method?: "GET" | "POST";
  /** Called for every request: return the path (and body) to send, e.g. a random id. */
  next?: () => { path: string; body?: string; headers?: Record<string, string> };
};

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(options.url)) throw new Error("bench load is loopback-only");
  const next = options.next;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    headers: { "content-type": "application/json", ...options.headers },
    method: options.method ?? "GET",
    requests: next
      ? [
          {
            setupRequest: (request) => {
              const { path, body, headers } = next();
              return {
                ...request,
                path,
                ...(body === undefined ? {} : { body }),
                ...(headers ? { headers: { ...request.headers, ...headers } } : {}),
              };
            },
          },
        ]
      : undefined,
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    ok: result["2xx"],
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
    ),
  };
}
