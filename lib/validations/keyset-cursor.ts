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
    const isValid =
      ZStorableDateTime.safeParse(at).success && (id === undefined || z.uuid().safeParse(id).success) && !rest.length;
    if (!isValid) {
      context.addIssue({ code: "custom", message: "before must be an ISO-8601 date-time or a next_before cursor" });
      return z.NEVER;
    }
    return { at: new Date(at!), id: id ?? null };
  });
