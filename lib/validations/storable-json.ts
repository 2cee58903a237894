// JSON that PostgreSQL can store and our serializers can walk, checked before anything else touches it.
import { badRequest } from "@/lib/errors";

const MAX_JSON_DEPTH = 64;

/**
 * Parses JSON that is safe to store and serialize: PostgreSQL refuses NUL characters in text and JSON, and a
 * deeply nested value overflows the stack of whatever walks it later (serializers, Prisma) — both would be 500s.
 */
export function parseJsonText(text: string, what = "Request body"): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(`${what} is not valid JSON`);
  }
  assertStorableJson(value, what);
  return value;
}

/** `allowNul`: for input whose NULs are stripped later (Meta's webhook, which must never be refused for content). */
export function assertStorableJson(root: unknown, what: string, options: { allowNul?: boolean } = {}) {
  // Iterative, so the check itself cannot overflow the stack.
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (pending.length) {
    const { value, depth } = pending.pop()!;
    if (typeof value === "string") {
      if (!options.allowNul && value.includes("\u0000"))
        throw badRequest(`${what} must not contain NUL (\\u0000) characters`);
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw badRequest(`${what} is nested more than ${MAX_JSON_DEPTH} levels deep`);
    for (const [key, child] of Object.entries(value)) {
      if (!options.allowNul && key.includes("\u0000"))
        throw badRequest(`${what} must not contain NUL (\\u0000) characters`);
      pending.push({ value: child, depth: depth + 1 });
    }
  }
}
