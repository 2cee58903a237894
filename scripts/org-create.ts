// ORG_PASSWORD='…' npm run org:create -- --name "Acme" --email admin@acme.test
// The owner's password comes from ORG_PASSWORD, stdin (--password-stdin) or a prompt, never the command line
// (scripts/read-password.ts); it is only needed when the email is not a user yet.
// Prints progress on stderr and exactly one JSON line last on stdout: {"org_id":"…","user_id":"…","api_key":"…"}.
import { exitWithUsage, parseOrgArgs, readNewUserPassword, runOrgCommand } from "./org-cli";

const { values: args, usage } = parseOrgArgs(
  `Usage: npm run org:create -- --name "Acme" --email admin@acme.test [--password-stdin]`,
  {
    name: { type: "string" },
  },
);
if (!args.name?.trim() || !args.email?.includes("@")) exitWithUsage(usage);
const password = await readNewUserPassword(args.email!, args);

await runOrgCommand(
  "org:create",
  async () => {
    const { bootstrapOrganization } = await import("../lib/orgs/bootstrap-organization");
    return bootstrapOrganization({ name: args.name!, email: args.email!, password });
  },
  `Created organization "${args.name}" with owner ${args.email}. The API key below is shown only once.`,
);
