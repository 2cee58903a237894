// What an accepted webhook delivery did, for /metrics, counted once its transaction committed (a batch that rolled
// back stored nothing: Meta sends it again).
import { countWebhookDelivery, countWebhookEvents } from "@/lib/metrics/app-metrics";
import type { PageEvents } from "./page-events";

type Delivery = { integration: { id: string }; events: PageEvents };

export function countCommittedDelivery(options: {
  deliveries: Delivery[];
  stored: { integrationId?: unknown; stored?: unknown }[];
  /** Pages in the delivery that no integration of ours (or no integration whose App Secret signed it) accepted. */
  refusedPages: PageEvents[];
}) {
  countWebhookDelivery("accepted");
  const storedByIntegration = new Map(options.stored.map((entry) => [entry.integrationId, Number(entry.stored ?? 0)]));
  for (const { integration, events } of options.deliveries) {
    const storedCount = storedByIntegration.get(integration.id);
    // Not stored: the integration is inactive (answered 200, nothing kept) or was deleted meanwhile.
    if (storedCount === undefined) {
      countWebhookEvents("ignored_inactive", events.eventsCount);
      continue;
    }
    countWebhookEvents("stored", storedCount);
    // Messages only (a mid seen before, or twice in the batch); receipts and reactions update rows, they add none.
    countWebhookEvents("deduplicated", events.messages.length - storedCount);
  }
  countWebhookEvents(
    "rejected",
    options.refusedPages.reduce((sum, page) => sum + page.eventsCount, 0),
  );
}
