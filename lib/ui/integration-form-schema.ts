// The forms' zod schemas, built from the server's own field and config schemas (lib/validations, lib/providers), so a value the
// form accepts is a value the API accepts, with the same messages. Also turns form values into API bodies.
import { z } from "zod";
import {
  SECRET_MASK,
  ZCreateIntegration,
  ZUpdateIntegration,
  type TIntegrationType,
} from "@/lib/validations/integration";
import type { TIntegrationDetail } from "@/lib/validations/integration-response";
import type { FieldDef } from "@/lib/providers/provider-definition";
import { PROVIDERS } from "@/lib/providers/registry";

export type FormValues = Record<string, string | boolean>;
export type FormMode = "create" | "edit";

/** The innermost schema of a field (without .optional()/.nullable()): what a non-empty value must satisfy. */
function core(schema: z.ZodType): z.ZodType {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  return inner;
}

function serverSchemaOf(type: TIntegrationType, field: FieldDef): z.ZodType {
  if (field.target === "root") return ZCreateIntegration.shape[field.name as keyof typeof ZCreateIntegration.shape];
  const configSchema = PROVIDERS[type].configSchema;
  const shape = (configSchema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape?.[field.name] ?? z.string();
}

const firstMessage = (error: z.ZodError) => error.issues[0]?.message ?? "is not valid";

/** A datetime-local input's value ("2026-11-25T14:30", local time) as the API's ISO-8601 instant. */
export function localToIso(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** The API's ISO instant as a datetime-local value in the browser's time zone. */
export function isoToLocal(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What the API receives for a field's (trimmed, non-empty) form value. */
const toApiValue = (field: FieldDef, value: string) => (field.kind === "datetime" ? localToIso(value) : value);

/** A text input's schema: empty allowed when optional, the mask allowed for a stored secret, else the server's rule. */
function textSchema(field: FieldDef, check: z.ZodType, options: { isRequired: boolean; allowsMask: boolean }) {
  return z.string().superRefine((value, ctx) => {
    if (options.allowsMask && value === SECRET_MASK) return;
    if (value.trim() === "") {
      if (options.isRequired) ctx.addIssue({ code: "custom", message: "is required" });
      return;
    }
    const result = check.safeParse(toApiValue(field, value.trim()));
    if (!result.success) ctx.addIssue({ code: "custom", message: firstMessage(result.error) });
  });
}

const jsonConfigSchema = z.string().superRefine((text, ctx) => {
  if (!text.trim()) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `is not valid JSON (${(error as Error).message})` });
    return;
  }
  const result = ZCreateIntegration.shape.config.unwrap().safeParse(parsed);
  if (!result.success) ctx.addIssue({ code: "custom", message: 'must be a JSON object, like {"key": "value"}' });
});

export function fieldsFor(type: TIntegrationType, mode: FormMode = "create"): FieldDef[] {
  return PROVIDERS[type].fields.filter((field) => mode === "edit" || !field.isEditOnly);
}

export function buildFormSchema(type: TIntegrationType, mode: FormMode) {
  const shape: Record<string, z.ZodType> = { is_active: z.boolean() };
  for (const field of fieldsFor(type, mode)) {
    shape[field.name] =
      field.kind === "checkbox"
        ? z.boolean()
        : field.kind === "json"
          ? jsonConfigSchema
          : textSchema(field, core(serverSchemaOf(type, field)), {
              isRequired: Boolean(field.required),
              allowsMask: mode === "edit" && field.kind === "secret",
            });
  }
  return z.object(shape);
}

export function defaultValuesFor(type: TIntegrationType, detail?: TIntegrationDetail): FormValues {
  const values: FormValues = { is_active: detail ? detail.is_active : true };
  for (const field of fieldsFor(type, detail ? "edit" : "create")) {
    if (field.kind === "checkbox")
      values[field.name] = (field.target === "config" ? detail?.config?.[field.name] : undefined) === true;
    else if (!detail) values[field.name] = field.defaultValue ?? "";
    else if (field.kind === "json") values[field.name] = JSON.stringify(detail.config ?? {}, null, 2);
    else {
      const source =
        field.target === "config" ? detail.config?.[field.name] : detail[field.name as keyof TIntegrationDetail];
      values[field.name] =
        source == null ? "" : field.kind === "datetime" ? isoToLocal(String(source)) : String(source);
    }
  }
  return values;
}

const text = (value: string | boolean | undefined) => (typeof value === "string" ? value.trim() : "");

/** The body of POST /create-organization-integration, checked once more against the server's schema. */
export function toCreateBody(type: TIntegrationType, orgId: string, values: FormValues) {
  const body: Record<string, unknown> = { org_id: orgId, integration_type: type, is_active: values.is_active === true };
  const config: Record<string, unknown> = {};
  for (const field of fieldsFor(type)) {
    if (field.kind === "checkbox") {
      if (values[field.name] === true) (field.target === "config" ? config : body)[field.name] = true;
      continue;
    }
    const value = text(values[field.name]);
    if (!value) continue;
    if (field.kind === "json") Object.assign(config, JSON.parse(value));
    else if (field.target === "config") config[field.name] = value;
    else body[field.name] = toApiValue(field, value);
  }
  if (Object.keys(config).length > 0 || type === "odoo_crm") body.config = config;
  return ZCreateIntegration.parse(body);
}

/**
 * The body of POST /update-organization-integration: only what changed, so the audit trail names exactly the
 * fields the admin edited. Secrets still showing the mask are left out (the server keeps them); a cleared optional
 * field becomes null. Config keys the form does not show are kept as they were.
 */
export function toUpdateBody(type: TIntegrationType, detail: TIntegrationDetail, values: FormValues) {
  // is_active is left to the toggle: the form may have been opened before the switch was flipped.
  const body: Record<string, unknown> = { id: detail.id };
  let config: Record<string, unknown> = { ...detail.config };
  for (const field of fieldsFor(type, "edit")) {
    const value = text(values[field.name]);
    if (field.kind === "checkbox") {
      const isChecked = values[field.name] === true;
      const current = field.target === "config" ? config[field.name] : detail[field.name as keyof TIntegrationDetail];
      if (isChecked === (current === true)) continue;
      // Unchecking writes false rather than removing the key, so it reads the same as what the API shows.
      if (field.target === "config") config[field.name] = isChecked;
      else body[field.name] = isChecked;
    } else if (field.kind === "json") {
      config = value ? (JSON.parse(value) as Record<string, unknown>) : {};
    } else if (field.target === "config") {
      if (value) config[field.name] = value;
      else delete config[field.name];
    } else if (field.kind === "secret" && value === SECRET_MASK) {
      continue;
    } else {
      const next = value ? toApiValue(field, value) : field.name === "name" ? value : null;
      const current = detail[field.name as keyof TIntegrationDetail] ?? null;
      // Compare instants, not strings: the API answers with milliseconds, the form has minutes.
      const isSame =
        field.kind === "datetime" && next && current ? isoToLocal(String(current)) === value : next === current;
      if (!isSame) body[field.name] = next;
    }
  }
  if (JSON.stringify(config) !== JSON.stringify(detail.config ?? {})) body.config = config;
  return ZUpdateIntegration.parse(body);
}
