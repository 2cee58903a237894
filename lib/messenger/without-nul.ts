/** PostgreSQL refuses NUL in text and jsonb; one stray byte must not make Meta retry a batch forever. */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\0", "") as T;
  return JSON.parse(JSON.stringify(value), (_key, item) =>
    typeof item === "string" ? item.replaceAll("\0", "") : item,
  );
}
