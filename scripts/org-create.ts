// npm run org:create -- --name "Acme" --email admin@acme.test --password '…'
// Prints progress on stderr and exactly one JSON line last on stdout: {"org_id":"…","user_id":"…","api_key":"…"}.
import { parseArgs } from "node:util";
import { withDatabase } from "./with-database";

const usage = 'Usage: npm run org:create -- --name "Acme" --email admin@acme.test --password \'at least 10 chars\'';
let args;
try {
  args = parseArgs({ options: { name: { type: "string" }, email: { type: "string" }, password: { type: "string" } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!args.name?.trim() || !args.email?.includes("@")) {
  console.error(usage);
  process.exit(2);
}

try {
  const result = await withDatabase(async () => {
    const { bootstrapOrganization } = await import("../lib/orgs/bootstrap-organization");
    return bootstrapOrganization({ name: args.name!, email: args.email!, password: args.password });
  });
  console.error(`Created organization "${args.name}" with owner ${args.email}. The API key below is shown only once.`);
  console.log(JSON.stringify(result));
  process.exit(0);
} catch (error) {
  console.error(`org:create failed: ${(error as Error).message}`);
  process.exit(1);
}
