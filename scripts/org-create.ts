// ORG_PASSWORD='…' npm run org:create -- --name "Acme" --email admin@acme.test
// The owner's password comes from ORG_PASSWORD, stdin (--password-stdin) or a prompt, never the command line
// (scripts/read-password.ts); it is only needed when the email is not a user yet.
// Prints progress on stderr and exactly one JSON line last on stdout: {"org_id":"…","user_id":"…","api_key":"…"}.
import { parseArgs } from "node:util";
import { PASSWORD_HELP, readPassword } from "./read-password";
import { withDatabase } from "./with-database";

const usage = `Usage: npm run org:create -- --name "Acme" --email admin@acme.test [--password-stdin]\n${PASSWORD_HELP}`;
let args;
try {
  args = parseArgs({
    options: { name: { type: "string" }, email: { type: "string" }, password: { type: "string" }, "password-stdin": { type: "boolean" } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!args.name?.trim() || !args.email?.includes("@")) {
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
    const { bootstrapOrganization } = await import("../lib/orgs/bootstrap-organization");
    return bootstrapOrganization({ name: args.name!, email: args.email!, password });
  });
  console.error(`Created organization "${args.name}" with owner ${args.email}. The API key below is shown only once.`);
  console.log(JSON.stringify(result));
  process.exit(0);
} catch (error) {
  console.error(`org:create failed: ${(error as Error).message}`);
  process.exit(1);
}
