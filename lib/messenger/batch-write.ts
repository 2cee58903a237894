import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * One step of storing a delivery (store-page-events.ts): writes a batch of one integration's items — receipts,
 * reactions, thread ownership — in the delivery's transaction, and returns what changed (the ids of the messages, for
 * the inbox's live events).
 */
export type BatchWrite<TItem, TResult = string[]> = (
  tx: Prisma.TransactionClient,
  integrationId: string,
  items: TItem[],
) => Promise<TResult>;
