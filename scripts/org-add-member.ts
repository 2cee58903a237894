// ORG_PASSWORD='…' npm run org:add-member -- --org <org id> --email viewer@acme.test --role viewer
// The password comes from ORG_PASSWORD, stdin (--password-stdin) or a prompt, never the command line
// (scripts/read-password.ts); it is only needed when the email is not a user yet.
// Prints progress on stderr and exactly one JSON line last on stdout: {"org_id":"…","user_id":"…","role":"…"}.
import { ZRole } from "../lib/validations/api-key";
import { exitWithUsage, parseOrgArgs, readNewUserPassword, runOrgCommand } from "./org-cli";

const { values: args, usage } = parseOrgArgs(
  "Usage: npm run org:add-member -- --org <org id> --email someone@acme.test --role owner|admin|viewer [--password-stdin]",
  { org: { type: "string" }, role: { type: "string" } },
);
const role = ZRole.safeParse(args.role);
if (!args.org?.trim() || !args.email?.includes("@") || !role.success) exitWithUsage(usage);
const password = await readNewUserPassword(args.email!, args);

await runOrgCommand(
  "org:add-member",
  async () => {
    const { addMember } = await import("../lib/orgs/add-member");
    return addMember({ orgId: args.org!.trim(), email: args.email!, password, role: role.data });
  },
  `Added ${args.email} to the organization as ${role.data}.`,
);
