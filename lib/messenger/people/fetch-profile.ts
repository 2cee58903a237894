// One person's Messenger profile: GET /{psid}?fields=first_name,last_name,profile_pic with the Page token. The name is
// kept on the conversation row and the picture re-hosted as an "avatar" attachment (Meta's picture links expire).
// Meta refuses profiles often (no Business Asset User Profile Access, people who restrict it): then the name and
// picture are null and the inbox says "Facebook user …1234"; we ask again the next day at the earliest.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logging/logger";
import { callGraphApi, GraphApiError } from "../graph-api";
import { recordChangedConversations } from "../inbox-changes";
import { withoutNul } from "../without-nul";
import { replaceAvatar } from "./replace-avatar";

/** Meta's profile is fetched at most this often per person. */
export const PROFILE_REFRESH_MS = 24 * 60 * 60 * 1000;
const MAX_NAME_LENGTH = 200;

const ZProfile = z.object({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  profile_pic: z.string().optional(),
});

/** Graph errors worth retrying: Meta's temporary and rate-limit codes, and answers without a Graph error (5xx, proxy). */
const TEMPORARY_CODES = new Set([1, 2, 4, 17, 32, 341, 613, 80006]);

type Outcome =
  | { kind: "profile"; name: string | null; pictureUrl: string | null }
  | { kind: "refused"; reason: string }
  | { kind: "no_token" };

async function requestProfile(integration: Parameters<typeof callGraphApi>[0], psid: string): Promise<Outcome> {
  let answer: unknown;
  try {
    answer = await callGraphApi(integration, `/${psid}?fields=first_name,last_name,profile_pic`);
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error; // timeouts, unreachable: retried
    if (error.isInvalidToken) return { kind: "no_token" };
    if (error.graphCode === null || TEMPORARY_CODES.has(error.graphCode)) throw error;
    // 100/2018218 "No profile available for this user", 100/2018247, 200/230/10 permissions: not worth retrying.
    return { kind: "refused", reason: error.message };
  }
  const profile = ZProfile.safeParse(answer);
  if (!profile.success) throw new AppError("bad_gateway", "Facebook: unexpected answer from the profile API");
  const { first_name: first, last_name: last, profile_pic: picture } = withoutNul(profile.data);
  const name =
    [first, last]
      .map((part) => part?.trim())
      .filter(Boolean)
      .join(" ")
      .slice(0, MAX_NAME_LENGTH) || null;
  const pictureUrl = picture && /^https?:\/\//i.test(picture) ? picture : null;
  return { kind: "profile", name, pictureUrl };
}

export async function markProfileFetched(
  tx: Prisma.TransactionClient,
  integrationId: string,
  psid: string,
  data: { name?: string | null; avatarAttachmentId?: string | null } = {},
) {
  await tx.messengerConversation.updateMany({
    where: { integrationId, psid },
    data: { ...data, profileFetchedAt: new Date(), updatedAt: new Date() },
  });
  await recordChangedConversations(tx, integrationId, [psid]);
}

export async function fetchProfile(options: { integrationId: string; psid: string; now?: Date }): Promise<void> {
  const { integrationId, psid } = options;
  const now = options.now ?? new Date();
  const integration = await db().integration.findUnique({ where: { id: integrationId } });
  if (!integration || integration.integrationType !== "facebook" || !integration.isActive || !integration.accessToken)
    return;
  const conversation = await db().messengerConversation.findUnique({
    where: { integrationId_psid: { integrationId, psid } },
    select: { profileFetchedAt: true },
  });
  // Several jobs for one person can exist (one added while another ran): only the first in a day calls Meta.
  if (
    !conversation ||
    (conversation.profileFetchedAt && now.getTime() - conversation.profileFetchedAt.getTime() < PROFILE_REFRESH_MS)
  )
    return;

  const outcome = await requestProfile(integration, psid);
  // An invalid token is shown on the integration by the send and health checks; the next message asks again.
  if (outcome.kind === "no_token") return;
  await db().$transaction(async (tx) => {
    if (outcome.kind === "refused") {
      logger.info({ integrationId, reason: outcome.reason }, "messenger profile refused by Facebook");
      await markProfileFetched(tx, integrationId, psid, {
        name: null,
        avatarAttachmentId: await replaceAvatar(tx, integrationId, psid, null),
      });
      return;
    }
    const avatarAttachmentId = await replaceAvatar(tx, integrationId, psid, outcome.pictureUrl);
    await markProfileFetched(tx, integrationId, psid, { name: outcome.name, avatarAttachmentId });
  });
}
