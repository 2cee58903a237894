// Meta does not order the events of a batch: where several events of one delivery touch the same thing (a message's
// reaction, a person's thread ownership), the latest one is what the person did last.
export function latestPerKey<T>(items: T[], keyOf: (item: T) => string, timeOf: (item: T) => Date): Map<string, T> {
  const latest = new Map<string, T>();
  for (const item of items) {
    const current = latest.get(keyOf(item));
    if (!current || timeOf(item) >= timeOf(current)) latest.set(keyOf(item), item);
  }
  return latest;
}
