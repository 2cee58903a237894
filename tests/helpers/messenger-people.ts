// People in the inbox, for the profile tests: a person's conversation as the API lists it and as the row stores it,
// and the profile jobs still queued for them.
import { db } from "@/lib/db/prisma";
import { profileJobKey } from "@/lib/messenger/people/fetch-profile-job";
import type { FacebookFixture } from "./fake-meta-webhook";
import { inboxApi } from "./inbox-api";
import type { TestOrg } from "./seed";

export const conversationOf = async (org: TestOrg, fb: FacebookFixture, psid: string) =>
  (await inboxApi(org.keys.viewer).conversations(fb.id)).json.conversations.find(
    (conversation: { psid: string }) => conversation.psid === psid,
  );

export const conversationRow = (fb: FacebookFixture, psid: string) =>
  db().messengerConversation.findUniqueOrThrow({ where: { integrationId_psid: { integrationId: fb.id, psid } } });

export const pendingProfileJobs = async (fb: FacebookFixture, psid: string) =>
  (
    await db().$queryRaw<
      { count: number }[]
    >`SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE key = ${profileJobKey(fb.id, psid)}`
  )[0].count;
