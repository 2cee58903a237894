// Pages with a retention (config.retention_days) for the retention tests, and the check that every conversation row
// still agrees with its messages after pruning.
import { expect } from "vitest";
import { db } from "@/lib/db/prisma";
import { createFacebookIntegration, type FacebookFixture } from "./fake-meta-webhook";
import { integrationApi } from "./integration-api";
import type { TestOrg } from "./seed";

export const setRetention = (org: TestOrg, page: FacebookFixture, retention: unknown) =>
  integrationApi(org.keys.admin).update({ id: page.id, config: { page_id: page.pageId, retention_days: retention } });

/** A Page keeping messages `days` days (null: the default, keep everything). */
export async function pageWithRetention(org: TestOrg, days: number | null, appSecret?: string) {
  const page = await createFacebookIntegration(org, { appSecret });
  if (days !== null) expect((await setRetention(org, page, days)).status).toBe(200);
  return page;
}

/** Every conversation of the integration agrees with its messages. */
export async function expectConversationsConsistent(integrationId: string) {
  const rows = await db().$queryRaw<{ psid: string; problem: string }[]>`
    SELECT c.psid, 'count ' || c.messages_count || ' vs ' || count(m.id) AS problem
    FROM messenger_conversations c LEFT JOIN messenger_messages m ON m.integration_id = c.integration_id AND m.psid = c.psid
    WHERE c.integration_id = ${integrationId}::uuid
    GROUP BY c.integration_id, c.psid, c.messages_count, c.last_message_id
    HAVING count(m.id) <> c.messages_count OR count(m.id) = 0
      OR c.last_message_id IS DISTINCT FROM (SELECT id FROM messenger_messages l WHERE l.integration_id = c.integration_id AND l.psid = c.psid ORDER BY timestamp DESC, id DESC LIMIT 1)`;
  expect(rows).toEqual([]);
}
