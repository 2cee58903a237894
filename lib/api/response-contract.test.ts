import { describe, expect, it } from "vitest";
import { z } from "zod";
import { named } from "@/lib/validations/api-schemas";
import type { TApiOperation } from "./operations/define-operation";
import { responseContractViolation } from "./response-contract";

const ZThing = named(z.strictObject({ id: z.string(), count: z.number().int() }), { id: "ContractTestThing" });

const operation: TApiOperation = {
  method: "get",
  path: "/things/{id}",
  operationId: "getThing",
  tag: "Account",
  summary: "A thing",
  responses: { 200: ZThing, 206: { contentType: "text/event-stream", description: "A stream" } },
  errors: [404],
};

const json = (body: unknown, status = 200) => Response.json(body, { status });

describe("the response check", () => {
  it("accepts an answer that keeps its declaration, and the errors every endpoint may answer", async () => {
    expect(await responseContractViolation(operation, json({ id: "a", count: 1 }))).toBeNull();
    for (const status of [401, 403, 404, 500, 503])
      expect(await responseContractViolation(operation, json({ error: "No" }, status))).toBeNull();
    const stream = new Response("data: 1\n\n", {
      status: 206,
      headers: { "content-type": "text/event-stream; charset=utf-8" },
    });
    expect(await responseContractViolation(operation, stream)).toBeNull();
  });

  it("names a field the schema does not have, a missing or mistyped field, by path and never by value", async () => {
    const extra = await responseContractViolation(operation, json({ id: "a", count: 1, secret_token: "hunter2" }));
    expect(extra).toMatch(/ContractTestThing.*secret_token/);
    expect(extra).not.toContain("hunter2");
    expect(await responseContractViolation(operation, json({ id: "a" }))).toMatch(/count/);
    expect(await responseContractViolation(operation, json({ id: "a", count: "1" }))).toMatch(/count/);
  });

  it("refuses undeclared statuses, error bodies of another shape, and the wrong content type", async () => {
    expect(await responseContractViolation(operation, json({ id: "a", count: 1 }, 201))).toMatch(
      /status 201 is not declared/,
    );
    expect(await responseContractViolation(operation, json({ error: "No" }, 409))).toMatch(/status 409/);
    expect(await responseContractViolation(operation, json({ message: "No" }, 404))).toMatch(/Error/);
    expect(await responseContractViolation(operation, new Response("id=a", { status: 200 }))).toMatch(/content type/);
    expect(await responseContractViolation(operation, json({}, 206))).toMatch(/text\/event-stream/);
  });
});
