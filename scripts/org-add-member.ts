// ORG_PASSWORD='…' npm run org:add-member -- --org <org id> --email viewer@acme.test --role viewer
// The password comes from ORG_PASSWORD, stdin (--password-stdin) or a prompt, never the command line
// (scripts/read-password.ts); it is only needed when the email is not a user yet.
// Prints progress on stderr and exactly one JSON line last on stdout: {"org_id":"…","user_id":"…","role":"…"}.
import { parseArgs } from "node:util";
import { ZRole } from "../lib/validations/api-key";
import { PASSWORD_HELP, readPassword } from "./read-password";
import { withDatabase } from "./with-database";

const usage = `Usage: npm run org:add-member -- --org <org id> --email someone@acme.test --role owner|admin|viewer [--password-stdin]\n${PASSWORD_HELP}`;
let args;
try {
  args = parseArgs({
    options: {
      org: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      "password-stdin": { type: "boolean" },
      role: { type: "string" },
    },
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
const password = await readPassword({
  argv: args.password,
  fromStdin: args["password-stdin"],
  prompt: `Password for ${args.email} (needed only if this is a new user; Enter to skip): `,
});

try {
  const result = await withDatabase(async () => {
    const { addMember } = await import("../lib/orgs/add-member");
    return addMember({ orgId: args.org!.trim(), email: args.email!, password, role: role.data });
  });
  console.error(`Added ${args.email} to the organization as ${role.data}.`);
  console.log(JSON.stringify(result));
  process.exit(0);
} catch (error) {
  console.error(`org:add-member failed: ${(error as Error).message}`);
  process.exit(1);
}
