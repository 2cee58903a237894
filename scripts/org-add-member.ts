// npm run org:add-member -- --org <org id> --email viewer@acme.test --password '…' --role viewer
// Prints progress on stderr and exactly one JSON line last on stdout: {"org_id":"…","user_id":"…","role":"…"}.
import { parseArgs } from "node:util";
import { ZRole } from "../lib/validations/api-key";
import { withDatabase } from "./with-database";

const usage =
  "Usage: npm run org:add-member -- --org <org id> --email someone@acme.test --password 'at least 10 chars' --role owner|admin|viewer";
let args;
try {
  args = parseArgs({
    options: { org: { type: "string" }, email: { type: "string" }, password: { type: "string" }, role: { type: "string" } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const role = ZRole.safeParse(args.role);
if (!args.org?.trim() || !args.email?.includes("@") || !role.success) {
  console.error(usage);
  process.exit(2);
}

try {
  const result = await withDatabase(async () => {
    const { addMember } = await import("../lib/orgs/add-member");
    return addMember({ orgId: args.org!.trim(), email: args.email!, password: args.password, role: role.data });
  });
  console.error(`Added ${args.email} to the organization as ${role.data}.`);
  console.log(JSON.stringify(result));
  process.exit(0);
} catch (error) {
  console.error(`org:add-member failed: ${(error as Error).message}`);
  process.exit(1);
}
