// One per app process: tells open live streams that their inbox has new events. The events themselves are rows of
// messenger_events (written in the transactions that changed the inbox); this only wakes the streams up.
//
// On PostgreSQL a dedicated connection LISTENs, so an event committed through any instance reaches every instance's
// streams at once. The embedded database runs every connection on one session and cannot route a notification to
// the listening connection, so there (found out by a NOTIFY probe at start) the hub reads the newest event id
// instead, four times a second — one cheap indexed query per process, however many streams are open. In both modes a
// slow safety poll covers a lost connection.
import pg from "pg";
import { envSetting } from "@/lib/config/server-env";
import { logger } from "@/lib/logging/logger";
import { INBOX_EVENTS_CHANNEL } from "../inbox-changes";

type Wake = () => void;

const FAST_POLL_MS = 250;
const SAFETY_POLL_MS = 5_000;
const PROBE_TIMEOUT_MS = 1_000;
const PROBE_PAYLOAD = "probe";

export class InboxEventHub {
  private readonly subscribers = new Map<string, Set<Wake>>();
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSeenId = 0n;
  private started: Promise<void> | null = null;
  mode: "listen" | "poll" | "stopped" = "stopped";

  constructor(private readonly databaseUrl: string) {}

  subscribe(integrationId: string, wake: Wake): () => void {
    this.started ??= this.start();
    const set = this.subscribers.get(integrationId) ?? new Set<Wake>();
    set.add(wake);
    this.subscribers.set(integrationId, set);
    return () => {
      set.delete(wake);
      if (!set.size) this.subscribers.delete(integrationId);
    };
  }

  get openStreams(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  private wake(integrationId: string | null) {
    const targets = integrationId ? [this.subscribers.get(integrationId)] : [...this.subscribers.values()];
    for (const set of targets) for (const wake of set ?? []) wake();
  }

  private async start() {
    try {
      this.client = new pg.Client({ connectionString: this.databaseUrl });
      this.client.on("error", (error) =>
        logger.warn({ err: error }, "inbox event listener connection failed; polling"),
      );
      await this.client.connect();
      this.lastSeenId = await this.newestEventId();
      this.mode = (await this.listenWorks()) ? "listen" : "poll";
    } catch (error) {
      logger.warn({ err: error }, "inbox event listener could not start; polling");
      this.mode = "poll";
    }
    // Streams that opened while this was starting may have missed a wake-up: let them all read once.
    this.wake(null);
    this.schedulePoll();
  }

  private async listenWorks(): Promise<boolean> {
    const client = this.client!;
    let received: () => void = () => {};
    const probe = new Promise<boolean>((resolve) => {
      received = () => resolve(true);
      setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref();
    });
    client.on("notification", (message) => {
      if (message.payload === PROBE_PAYLOAD) return received();
      this.wake(message.payload ?? null);
    });
    await client.query(`LISTEN ${INBOX_EVENTS_CHANNEL}`);
    // From another connection: a session always hears its own NOTIFY, which proves nothing.
    const sender = new pg.Client({ connectionString: this.databaseUrl });
    await sender.connect();
    try {
      await sender.query("SELECT pg_notify($1, $2)", [INBOX_EVENTS_CHANNEL, PROBE_PAYLOAD]);
      return await probe;
    } finally {
      await sender.end().catch(() => {});
    }
  }

  private schedulePoll() {
    if (this.mode === "stopped") return;
    const interval = this.mode === "listen" ? SAFETY_POLL_MS : FAST_POLL_MS;
    this.timer = setTimeout(() => void this.poll().finally(() => this.schedulePoll()), interval);
    this.timer.unref();
  }

  private async poll() {
    if (!this.subscribers.size || !this.client) return;
    try {
      const newest = await this.newestEventId();
      if (newest === this.lastSeenId) return;
      this.lastSeenId = newest;
      this.wake(null); // each stream reads only its own integration's events, so waking all is cheap and safe
    } catch (error) {
      logger.warn({ err: error }, "inbox event poll failed");
    }
  }

  private async newestEventId(): Promise<bigint> {
    const { rows } = await this.client!.query<{ id: string | null }>(
      "SELECT max(id)::text AS id FROM messenger_events",
    );
    return BigInt(rows[0]?.id ?? 0);
  }

  async stop() {
    this.mode = "stopped";
    if (this.timer) clearTimeout(this.timer);
    await this.client?.end().catch(() => {});
    this.client = null;
  }
}

const globalForHub = globalThis as unknown as { inboxEventHub?: InboxEventHub };

export function inboxEventHub(): InboxEventHub {
  const url = envSetting("DATABASE_URL");
  if (!url) throw new Error("DATABASE_URL is not set");
  globalForHub.inboxEventHub ??= new InboxEventHub(url);
  return globalForHub.inboxEventHub;
}
