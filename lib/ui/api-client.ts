// Same-origin calls to the JSON API from client components. The session cookie goes along and the browser adds
// Origin, which satisfies the API's same-origin rule for writes. Every failure becomes an ApiError with the
// server's own sentence, so the UI can show what really went wrong.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** `body` is sent as JSON, or as multipart/form-data when it is a FormData (a file upload). */
export async function apiFetch<T>(path: string, options: { method?: "GET" | "POST"; body?: unknown } = {}): Promise<T> {
  const isForm = options.body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      credentials: "same-origin",
      // A FormData body sets its own multipart Content-Type (with the boundary).
      headers: options.body === undefined || isForm ? undefined : { "Content-Type": "application/json" },
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, "The server could not be reached. Check your connection and try again.");
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const sentence = (data as { error?: unknown } | null)?.error;
    throw new ApiError(
      response.status,
      typeof sentence === "string" ? sentence : `Request failed (${response.status})`,
    );
  }
  return data as T;
}

export const apiPost = <T>(path: string, body: unknown) => apiFetch<T>(path, { method: "POST", body });

/** A GET of something the organization holds: `path?org_id=…`, then any other query parameters. */
export const apiFetchForOrg = <T>(path: string, orgId: string, params: Record<string, string> = {}) =>
  apiFetch<T>(`${path}?${new URLSearchParams({ org_id: orgId, ...params })}`);
