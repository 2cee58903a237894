import { AppError, type AppErrorCode } from "@/lib/errors";
import { logger } from "@/lib/logging/logger";

// The one place that turns domain errors into HTTP. Services throw AppError with a code; handlers never pick statuses.
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  bad_gateway: 502,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<AppErrorCode, number>;

const GENERIC_INTERNAL_MESSAGE = "Internal server error";

// Database failures that are not the client's fault, mapped to what the client can do about them.
const prismaErrors: Record<string, () => AppError> = {
  P1001: () => databaseUnavailable(),
  P1002: () => databaseUnavailable(),
  P1008: () => databaseUnavailable(),
  P1017: () => databaseUnavailable(),
  P2024: () => databaseUnavailable(),
  P2025: () => new AppError("not_found", "Not found"),
  P2002: () => new AppError("conflict", "That already exists"),
  // Values the database cannot store (too long, out of range, malformed): the client's input, so a 400.
  P2000: () => new AppError("bad_request", "A value is too long to be stored"),
  P2007: () => new AppError("bad_request", "A value is not valid for storage"),
  P2020: () => new AppError("bad_request", "A value is out of range"),
  P2003: () => new AppError("conflict", "A record this refers to no longer exists"),
};

function databaseUnavailable() {
  return new AppError("unavailable", "The database is unavailable; try again shortly", { "Retry-After": "1" });
}

// A connection dropped, refused or timed out reaches us from the driver without a Prisma code: same answer.
const CONNECTION_FAILURE =
  /Connection terminated|ECONNREFUSED|ECONNRESET|EPIPE|timeout exceeded when trying to connect|Client has encountered a connection error/i;

function fromPrisma(error: unknown): AppError | null {
  if (error instanceof Error && !(error instanceof AppError) && CONNECTION_FAILURE.test(error.message))
    return databaseUnavailable();
  const code = (error as { name?: string; code?: string } | null)?.code;
  const isPrismaError = (error as { name?: string } | null)?.name === "PrismaClientKnownRequestError";
  return isPrismaError && code && prismaErrors[code] ? prismaErrors[code]() : null;
}

export function errorResponse(error: unknown): Response {
  const mapped = fromPrisma(error);
  if (mapped) {
    logger.warn({ err: error }, "database error mapped to a client answer");
    return errorResponse(mapped);
  }
  if (error instanceof AppError) {
    return Response.json({ error: error.message }, { status: errorStatus[error.code], headers: error.headers });
  }
  // Details go to the server log only; the client learns nothing about internals.
  logger.error({ err: error }, "unhandled error in route");
  return Response.json({ error: GENERIC_INTERNAL_MESSAGE }, { status: 500 });
}
