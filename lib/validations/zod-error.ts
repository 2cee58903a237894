import type { z } from "zod";

/** One readable sentence from a zod error, e.g. "config.page_id: must be a numeric Facebook Page ID". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
