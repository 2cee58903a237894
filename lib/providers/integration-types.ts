// The integration types this server knows. Each has a folder in lib/providers/ and an entry in both registries.
import { z } from "zod";

export const INTEGRATION_TYPES = ["facebook", "hubspot", "salesforce", "odoo_crm", "other"] as const;
export const ZIntegrationType = z.enum(INTEGRATION_TYPES, {
  error: `integration_type must be one of: ${INTEGRATION_TYPES.join(", ")}`,
});
export type TIntegrationType = z.infer<typeof ZIntegrationType>;
