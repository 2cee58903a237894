// The inbox scenario's traffic: one Facebook Page whose people write in, delivered as signed webhook batches.
// Message k (0-based) of the run has a fixed sender and time, so any batch size can take "the next n messages":
// - the first SMALL_MESSAGES come from SMALL_PEOPLE people, ten each (the "2,000 stored messages" inbox);
// - every later one from all `people` in turn, so concurrent batches touch different conversations, as a busy Page's
//   deliveries do, and the full run ends with ten messages or more per person.
import { signDelivery, type WebhookTarget } from "./webhook";

export const SMALL_MESSAGES = 2_000;
const SMALL_PEOPLE = 200;

/** Page-scoped ids are numeric (the API's psid parameter checks it). */
export const psidOf = (person: number) => String(7_000_000_000_000_000 + person);

export function personOf(k: number, people: number): number {
  return k < SMALL_MESSAGES ? k % SMALL_PEOPLE : (k - SMALL_MESSAGES) % people;
}

/** How many different people have written once the first `stored` messages are in. */
export const peopleAfter = (stored: number, people: number) =>
  stored <= SMALL_MESSAGES
    ? Math.min(stored, SMALL_PEOPLE)
    : Math.max(SMALL_PEOPLE, Math.min(people, stored - SMALL_MESSAGES));

export class InboxTraffic {
  /** Messages handed out so far (the next message is k = sent). */
  sent = 0;
  // Times in the past, one millisecond apart, in send order: like real traffic, newest last.
  private readonly epoch = Date.now() - 10_000_000;

  constructor(
    private readonly target: WebhookTarget,
    private readonly people: number,
    private readonly runId = Math.random().toString(36).slice(2, 8),
  ) {}

  /** The next `size` messages as one signed delivery (autocannon's request generator). */
  nextBatch(size: number) {
    const messaging = [];
    for (let i = 0; i < size; i++) messaging.push(this.messageEvent(this.sent++));
    return signDelivery(this.target, messaging);
  }

  messageEvent(k: number, text = `message ${k} of the inbox bench`) {
    return {
      sender: { id: psidOf(personOf(k, this.people)) },
      recipient: { id: this.target.pageId },
      timestamp: this.epoch + k,
      message: { mid: `m_inbox_${this.runId}_${k}`, text },
    };
  }

  /** A single fresh message now, outside the numbered run (SSE probes): its mid and signed delivery. */
  probe(index: number) {
    const mid = `m_probe_${this.runId}_${index}_${Math.random().toString(36).slice(2, 8)}`;
    const event = {
      sender: { id: psidOf(index % this.people) },
      recipient: { id: this.target.pageId },
      timestamp: Date.now(),
      message: { mid, text: `probe ${index}` },
    };
    return { mid, delivery: signDelivery(this.target, [event]) };
  }
}
