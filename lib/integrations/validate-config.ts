import { badRequest } from "@/lib/errors";
import { describeZodError } from "@/lib/validations/zod-error";
import type { TIntegrationType } from "@/lib/providers/integration-types";
import { PROVIDERS } from "@/lib/providers/registry";

/** Checks `config` against its type's schema; the error names the field, e.g. "config.page_id: …". */
export function validateConfig(type: TIntegrationType, config: unknown): Record<string, unknown> {
  const result = PROVIDERS[type].configSchema.safeParse(config);
  if (!result.success) {
    const message = describeZodError(result.error);
    throw badRequest(message.startsWith("config") ? message : `config.${message}`);
  }
  return result.data as Record<string, unknown>;
}
