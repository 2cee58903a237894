// Domain errors: services throw AppError with a code saying what went wrong; only lib/api/errors.ts turns codes into
// HTTP statuses.
export type AppErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "bad_gateway"
  | "unavailable"
  | "internal";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Integration") => new AppError("not_found", `${what} not found`);
export const badRequest = (message: string) => new AppError("bad_request", message);
