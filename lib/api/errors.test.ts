import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./errors";

const prismaError = (code: string) =>
  Object.assign(new Error("raw details with table names"), { name: "PrismaClientKnownRequestError", code });

describe("errorResponse", () => {
  it("maps domain errors to their status with the sentence as body", async () => {
    const response = errorResponse(new AppError("rate_limited", "Slow down", { "Retry-After": "5" }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ error: "Slow down" });
  });

  it("answers 503 for an unreachable database and 404/409 for lost races, without internals", async () => {
    const unreachable = errorResponse(prismaError("P1001"));
    expect(unreachable.status).toBe(503);
    expect(JSON.stringify(await unreachable.json())).not.toMatch(/table/);
    expect(errorResponse(prismaError("P2025")).status).toBe(404);
    expect(errorResponse(prismaError("P2002")).status).toBe(409);
  });

  it("hides everything about unexpected errors", async () => {
    const response = errorResponse(new TypeError("secret internal detail"));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "Internal server error" });
  });
});
