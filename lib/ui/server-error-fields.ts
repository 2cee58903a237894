// Maps the API's error sentence ("config.page_id: must be …; name: must not be empty") onto form fields; what does
// not name a field of this form stays a form-level message.
import type { FieldDef } from "@/lib/providers/provider-definition";

export type MappedServerError = { fieldErrors: Record<string, string>; formError: string | null };

export function mapServerError(message: string, fields: FieldDef[]): MappedServerError {
  const fieldErrors: Record<string, string> = {};
  const leftover: string[] = [];
  for (const part of message.split("; ")) {
    const match = /^([\w.]+): (.+)$/.exec(part);
    const field = match ? fieldForPath(match[1]!, fields) : undefined;
    if (field && match) fieldErrors[field.name] = match[2]!;
    else leftover.push(part);
  }
  return { fieldErrors, formError: leftover.length ? leftover.join("; ") : null };
}

function fieldForPath(path: string, fields: FieldDef[]): FieldDef | undefined {
  const [head, second] = path.split(".");
  if (head === "config") {
    return fields.find((f) => f.target === "config" && f.name === second) ?? fields.find((f) => f.kind === "json");
  }
  return fields.find((f) => f.target === "root" && f.name === head);
}
