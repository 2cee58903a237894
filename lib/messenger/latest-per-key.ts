// Meta does not order the events of a batch: where several events of one delivery touch the same thing (a message's
// reaction, a person's thread ownership), the latest one is what the person did last.

/** The property names of T whose values are V. */
type KeysOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

/**
 * The latest item per `key` (by `time`), in key order: rows written in that order are locked in the same order by
 * concurrent deliveries.
 */
export function latestPerKey<T>(items: T[], key: KeysOf<T, string>, time: KeysOf<T, Date>): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const current = latest.get(item[key] as string);
    if (!current || (item[time] as Date) >= (current[time] as Date)) latest.set(item[key] as string, item);
  }
  return [...latest.keys()].sort().map((id) => latest.get(id)!);
}
