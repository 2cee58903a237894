// Prisma side of the keyset pagination whose cursor is parsed by lib/validations/keyset-cursor.ts.
import type { TKeysetCursor } from "@/lib/validations/keyset-cursor";

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
