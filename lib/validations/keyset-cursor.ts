// Keyset pagination for every newest-first list (messages, audit log): `before` is the previous page's
// `next_before`, "<date-time>~<id>" — stable while new rows arrive, and the id separates rows that share a timestamp.
// A bare date-time is accepted too: everything strictly older than it.
import { z } from "zod";
import { ZStorableDateTime } from "./date-time";

export type TKeysetCursor = { at: Date; id: string | null };

export const ZKeysetCursor = z
  .string()
  .max(100)
  .transform((value, context): TKeysetCursor => {
    const [at, id, ...rest] = value.split("~");
    const isValid = ZStorableDateTime.safeParse(at).success && (id === undefined || z.uuid().safeParse(id).success) && !rest.length;
    if (!isValid) {
      context.addIssue({ code: "custom", message: "before must be an ISO-8601 date-time or a next_before cursor" });
      return z.NEVER;
    }
    return { at: new Date(at!), id: id ?? null };
  });

/** Rows strictly older than the cursor in (field desc, id desc) order, as a Prisma `where` fragment. */
export function olderThan<F extends string>(field: F, cursor: TKeysetCursor) {
  if (!cursor.id) return { [field]: { lt: cursor.at } } as Record<F, { lt: Date }>;
  return { OR: [{ [field]: { lt: cursor.at } }, { [field]: cursor.at, id: { lt: cursor.id } }] };
}

/** The page to return and the cursor of the next one (rows were fetched with `take: limit + 1`). */
export function keysetPage<T extends { id: string }>(rows: T[], limit: number, timeOf: (row: T) => Date) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextBefore: rows.length > limit && last ? `${timeOf(last).toISOString()}~${last.id}` : null };
}
