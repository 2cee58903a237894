// The per-organization ceiling on all webhook deliveries (WEBHOOK_RATE_LIMIT_PER_MINUTE), set low here so it is
// reached quickly: past it even signed deliveries get 429 with Retry-After (Meta retries them), other orgs do not.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import {
  createFacebookIntegration,
  deliverEvents,
  messageEvent,
  newPsid,
  type FacebookFixture,
} from "../helpers/fake-meta-webhook";
import { createTestOrg, type TestOrg } from "../helpers/seed";

const CEILING = 5;
// Stubbed before the first serverEnv() read of this file's module graph, and undone so no other file sees it.
vi.stubEnv("WEBHOOK_RATE_LIMIT_PER_MINUTE", String(CEILING));
afterAll(() => vi.unstubAllEnvs());

describe("per-organization webhook ceiling", () => {
  it("answers 429 with Retry-After past WEBHOOK_RATE_LIMIT_PER_MINUTE deliveries, per organization", async () => {
    const [org, neighbour] = [await createTestOrg(), await createTestOrg()];
    const secret = randomBytes(16).toString("hex");
    const [fb, other] = [
      await createFacebookIntegration(org, { appSecret: secret }),
      await createFacebookIntegration(neighbour, { appSecret: secret }),
    ];
    const deliver = (owner: TestOrg, page: FacebookFixture) =>
      deliverEvents(owner, page, [messageEvent(page.pageId, newPsid(), { text: "hi" })]);
    const statuses: number[] = [];
    for (let i = 0; i < CEILING; i += 1) statuses.push((await deliver(org, fb)).status);
    expect(statuses).toEqual(Array(CEILING).fill(200));
    const limited = await deliver(org, fb);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.json.error).toMatch(/Too many webhook deliveries/);
    expect(await db().messengerMessage.count({ where: { integrationId: fb.id } })).toBe(CEILING);
    expect((await deliver(neighbour, other)).status).toBe(200);
  });
});
