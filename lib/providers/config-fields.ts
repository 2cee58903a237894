// Small zod pieces several providers' config schemas share.
import { z } from "zod";

export const numericId = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,32}$/, `must be a numeric ${what}`);
