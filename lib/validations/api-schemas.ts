// The named response shapes of the API. Every response schema registers here under a component name: the OpenAPI
// document lists them as components (and refers to them by $ref), the typed client gets one type per name.
import { z } from "zod";

export type TApiSchemaMeta = { id: string; description?: string; examples?: unknown[] };

export const apiSchemas = z.registry<TApiSchemaMeta>();

/** Registers a response schema under its component name; the schema itself is returned unchanged. */
export function named<T extends z.ZodType>(schema: T, meta: TApiSchemaMeta): T {
  apiSchemas.add(schema as z.ZodType, meta);
  return schema;
}

/** What every record an organization owns begins with (integrations, API keys, audit entries). */
export const orgRecordFields = { id: z.uuid(), org_id: z.uuid() };

/**
 * One page of a list, named `id`: its items under `key` in `order`, and the cursor of the next page
 * (`before=<next_before>`), null at the end.
 */
export function pageOf<TKey extends string, TItem extends z.ZodType>(
  key: TKey,
  item: TItem,
  id: string,
  order = "Newest first",
) {
  const shape = { [key]: z.array(item), next_before: z.string().nullable() } as Record<TKey, z.ZodArray<TItem>> & {
    next_before: z.ZodNullable<z.ZodString>;
  };
  return named(z.strictObject(shape), { id, description: `${order}; the next page is before=<next_before>` });
}

/** A timestamp as the API writes it (Date#toISOString(): UTC, milliseconds). */
export const ZIsoDateTime = z.iso.datetime();

export const ZErrorResponse = named(z.strictObject({ error: z.string() }), {
  id: "Error",
  description: "Every 4xx and 5xx answer: one human sentence (a 500 never carries internals)",
  examples: [{ error: "org_id, integration_type, and name are required" }],
});
export type TErrorResponse = z.infer<typeof ZErrorResponse>;

export const ZMessageResponse = named(z.strictObject({ message: z.string() }), {
  id: "MessageResponse",
  description: "An action that returns nothing but its outcome",
  examples: [{ message: "Integration deleted successfully" }],
});
