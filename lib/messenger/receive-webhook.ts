// POST /webhook?org_id=…: Meta's deliveries. The signature is checked against the org's App Secrets before anything
// else (an unsigned or forged post learns nothing about Pages), then the accepted events are persisted in one
// transaction before we say 200, so a failure makes Meta retry instead of losing events.
import { AppError, badRequest } from "@/lib/errors";
import { assertStorableJson } from "@/lib/validations/storable-json";
import { db } from "@/lib/db/prisma";
import type { Integration } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logging/logger";
import { countWebhookDelivery } from "@/lib/metrics/app-metrics";
import { ZWebhookPayload, type TWebhookPayload } from "@/lib/validations/messenger";
import { appendWebhookLog, type WebhookLogEntry } from "./webhook-log";
import { acceptDelivery, type Acceptance } from "./webhook-acceptance";
import { describePageEvents, mergePageEvents, type PageEvents } from "./page-events";
import { groupEventsByPage } from "./webhook-events";
import { countAcceptedDelivery, recordRejectedRequest, type WebhookCaller } from "./webhook-rate-limit";
import { storePageEvents } from "./store-page-events";
import { countCommittedDelivery } from "./webhook-metrics";

type Delivery = { integration: Integration; events: PageEvents; isVerified: boolean };

function parsePayload(rawBody: Uint8Array): TWebhookPayload {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(rawBody).toString("utf8"));
  } catch {
    throw badRequest("Webhook body is not valid JSON");
  }
  assertStorableJson(json, "Webhook body", { allowNul: true });
  const payload = ZWebhookPayload.safeParse(json);
  if (!payload.success) throw badRequest("Webhook body is not a Messenger webhook payload");
  if (payload.data.object !== "page") throw badRequest(`Unsupported webhook object "${payload.data.object}"`);
  return payload.data;
}

/** entry.id is the Page: the integration with that page_id, else the organization's one integration without one. */
function matchIntegrations(integrations: Integration[], pages: PageEvents[]) {
  const pageIdOf = (integration: Integration) => (integration.config as { page_id?: string } | null)?.page_id;
  const withoutPageId = integrations.filter((integration) => !pageIdOf(integration));
  const fallback = withoutPageId.length === 1 ? withoutPageId[0] : undefined;
  const byIntegration = new Map<string, { integration: Integration; events: PageEvents }>();
  const unmatched: PageEvents[] = [];
  for (const page of pages) {
    const integration = integrations.find((candidate) => pageIdOf(candidate) === page.pageId) ?? fallback;
    if (!integration) {
      unmatched.push(page);
      continue;
    }
    const current = byIntegration.get(integration.id);
    if (!current) byIntegration.set(integration.id, { integration, events: page });
    else mergePageEvents(current.events, page);
  }
  return { matched: [...byIntegration.values()], unmatched };
}

async function logOutsideTransaction(entries: WebhookLogEntry[]) {
  for (const entry of entries) {
    await appendWebhookLog(db(), entry).catch((error) =>
      logger.warn({ err: error }, "could not write the webhook log"),
    );
  }
}

/**
 * After commit (updating the row inside would need the lock the other deliveries share): when Meta last delivered,
 * to the second — a busy Page does not rewrite its integration row per batch — and the unsigned-events warning, which
 * describes the current setup: it goes away with the first signed delivery after a secret is set.
 */
async function noteLastDelivery(deliveries: Delivery[]) {
  for (const { integration, isVerified } of deliveries) {
    await db().$executeRaw`
        UPDATE integrations SET last_event_at = now(),
          has_unverified_events = CASE WHEN is_active THEN ${!isVerified} ELSE has_unverified_events END
        WHERE id = ${integration.id}::uuid AND (last_event_at IS NULL OR last_event_at < now() - interval '1 second'
          OR (is_active AND has_unverified_events IS DISTINCT FROM ${!isVerified}))`.catch((error) =>
      logger.warn({ err: error, integrationId: integration.id }, "webhook: could not note the delivery time"),
    );
  }
}

const storageUnavailable = () =>
  new AppError("unavailable", "The webhook events could not be stored; please retry", { "Retry-After": "1" });

async function loadFacebookIntegrations(orgId: string): Promise<Integration[]> {
  return db()
    .integration.findMany({ where: { orgId, integrationType: "facebook" }, orderBy: { createdAt: "asc" } })
    .catch((error) => {
      // Any database trouble is a 5xx, so Meta retries rather than dropping the batch.
      logger.error({ err: error, orgId }, "webhook: could not load the integrations");
      throw storageUnavailable();
    });
}

/**
 * 401, the same for every organization (known or not, with or without matching Pages), or 429 once the org's (or
 * the client address's) allowance of rejected deliveries is used up. Not written to any integration's delivery log:
 * nothing proves which integration a refused post is about, and a forger must not be able to push real entries out of
 * that log.
 */
async function refuseDelivery({ orgId, clientAddress }: WebhookCaller, signature: string | null): Promise<never> {
  await recordRejectedRequest({ orgId, clientAddress });
  logger.warn(
    { orgId, hasSignature: Boolean(signature) },
    "webhook delivery refused: no integration accepts its signature",
  );
  countWebhookDelivery("rejected");
  throw new AppError("unauthorized", signature ? "Invalid webhook signature" : "Missing X-Hub-Signature-256 header");
}

/** The matched Pages whose integration accepted the delivery; the others leave only a trace in the log. */
function acceptedDeliveries(
  matched: ReturnType<typeof matchIntegrations>["matched"],
  unmatched: PageEvents[],
  acceptance: Acceptance,
) {
  const deliveries: Delivery[] = [];
  const refused: PageEvents[] = [];
  for (const { integration, events } of matched) {
    const isVerified = acceptance.get(integration.id);
    if (isVerified === undefined) refused.push(events);
    else deliveries.push({ integration, events, isVerified });
  }
  if (deliveries.length) {
    deliveries[0].events.unknown.push(
      // Events of a Page nobody here set up are not ours to store, nor those of a Page whose App Secret did not sign.
      ...unmatched.map((page) => ({ unmatched_page_id: page.pageId, events: page.eventsCount })),
      ...refused.map((page) => ({ unsigned_page_id: page.pageId, events: page.eventsCount })),
    );
  }
  return { deliveries, refused };
}

export async function receiveWebhook(options: WebhookCaller & { rawBody: Uint8Array; signature: string | null }) {
  const integrations = await loadFacebookIntegrations(options.orgId);
  const acceptance = acceptDelivery(integrations, options.rawBody, options.signature);
  if (!acceptance.size) await refuseDelivery(options, options.signature);
  // Only accepted deliveries count against the org's ceiling: forgeries cannot use it up (webhook-rate-limit.ts).
  await countAcceptedDelivery(options.orgId);

  // Only now, with a valid signature (or an integration open to unsigned tests), may the answer depend on Pages.
  const payload = parsePayload(options.rawBody);
  const { matched, unmatched } = matchIntegrations(integrations, groupEventsByPage(payload));
  const { deliveries, refused } = acceptedDeliveries(matched, unmatched, acceptance);
  if (!deliveries.length) {
    // Signed by an app of this org, but every Page it names belongs to an integration with another App Secret. (An
    // unsigned post that only an opted-in integration accepted gets the 404 either way: no oracle on other Pages.)
    const isSignedByOrgApp = [...acceptance.values()].some(Boolean);
    if (refused.length && isSignedByOrgApp) await refuseDelivery(options, options.signature);
    countWebhookDelivery("unmatched");
    throw new AppError("not_found", "No Facebook integration of this organization matches the webhook's Page");
  }
  // Integration rows are locked in id order, so a toggle or delete waiting on two of them cannot deadlock with us.
  deliveries.sort((a, b) => a.integration.id.localeCompare(b.integration.id));

  const stored: Record<string, unknown>[] = [];
  try {
    await db().$transaction(
      async (tx) => {
        for (const { integration, events, isVerified } of deliveries) {
          // A shared lock: is_active is read under it, so a toggle (or delete) waits for the deliveries in flight and
          // cannot land between the check and the writes, while deliveries to one Page are stored side by side. (It
          // was FOR UPDATE, which stored one busy Page's batches one at a time: docs/performance.md.) Every write
          // below is keyed by message, conversation or person, in sorted order, so concurrent batches cannot deadlock.
          const [locked] = await tx.$queryRaw<{ is_active: boolean }[]>`
            SELECT is_active FROM integrations WHERE id = ${integration.id}::uuid FOR SHARE`;
          if (!locked) continue; // deleted since it was looked up: nothing left to store it for
          const entry = { integrationId: integration.id, isVerified, eventsCount: events.eventsCount };
          if (locked.is_active) {
            const storedCount = await storePageEvents(tx, integration.id, events, isVerified);
            stored.push({ integrationId: integration.id, events: events.eventsCount, stored: storedCount, isVerified });
            await appendWebhookLog(tx, {
              ...entry,
              storedCount,
              outcome: "stored",
              unknownEvents: events.unknown,
              detail: describePageEvents(events),
            });
          } else {
            // Answered 200 so Meta keeps the subscription; only counted, nothing of the content is kept.
            await appendWebhookLog(tx, { ...entry, outcome: "ignored_inactive" });
          }
        }
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
  } catch (error) {
    logger.error({ err: error, orgId: options.orgId }, "webhook events could not be stored");
    await logOutsideTransaction(
      deliveries.map(({ integration, events, isVerified }) => ({
        integrationId: integration.id,
        isVerified,
        eventsCount: events.eventsCount,
        outcome: "failed" as const,
      })),
    );
    countWebhookDelivery("failed");
    throw storageUnavailable();
  }
  await noteLastDelivery(deliveries);
  countCommittedDelivery({ deliveries, stored, refusedPages: [...unmatched, ...refused] });
  for (const entry of stored) logger.info(entry, "webhook delivery stored");
}
