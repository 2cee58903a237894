import { badRequest } from "@/lib/api/errors";
import { describeZodError } from "@/lib/api/parse";
import { configSchemaByType, type TIntegrationType } from "@/lib/validations/integration";

/** Checks `config` against its type's schema; the error names the field, e.g. "config.page_id: …". */
export function validateConfig(type: TIntegrationType, config: unknown): Record<string, unknown> {
  const result = configSchemaByType[type].safeParse(config);
  if (!result.success) {
    const message = describeZodError(result.error);
    throw badRequest(message.startsWith("config") ? message : `config.${message}`);
  }
  return result.data as Record<string, unknown>;
}
