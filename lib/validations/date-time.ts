import { z } from "zod";

/**
 * An ISO-8601 date-time PostgreSQL can store: the ISO pattern alone admits year 0000 (and offsets that push a date
 * below year 1), which the database refuses — a 500 instead of a 400.
 */
export const ZStorableDateTime = z.iso
  .datetime({ offset: true, error: "must be an ISO-8601 date-time" })
  .refine((value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 1 && year <= 9999;
  }, "must be a date between the years 1 and 9999");
