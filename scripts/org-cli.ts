// What the set-up commands that add a person (org:create, org:add-member) share: their arguments, always with
// --email and the password options, the password read as scripts/read-password.ts says, and the end of the run —
// progress on stderr, exactly one JSON line of result on stdout.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { PASSWORD_HELP, readPassword } from "./read-password";
import { withDatabase } from "./with-database";

type TOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

const PERSON_OPTIONS = {
  email: { type: "string" },
  password: { type: "string" },
  "password-stdin": { type: "boolean" },
} as const;

/** The parsed arguments and the usage text (with the password help); exit 2 with it when they do not parse. */
export function parseOrgArgs<const TOptions extends TOptionsConfig>(usageLine: string, options: TOptions) {
  const usage = `${usageLine}\n${PASSWORD_HELP}`;
  try {
    const values = parseArgs({ options: { ...options, ...PERSON_OPTIONS } }).values;
    return { values, usage };
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

export function exitWithUsage(usage: string): never {
  console.error(usage);
  process.exit(2);
}

/** Only needed when the email is not a user yet, so a prompt may be skipped with Enter. */
export const readNewUserPassword = (email: string, values: { password?: string; "password-stdin"?: boolean }) =>
  readPassword({
    argv: values.password,
    fromStdin: values["password-stdin"],
    prompt: `Password for ${email} (needed only if this is a new user; Enter to skip): `,
  });

/** Runs `work` against the database, then says `done` on stderr and prints its result as one JSON line. */
export async function runOrgCommand<T>(command: string, work: () => Promise<T>, done: string): Promise<never> {
  try {
    const result = await withDatabase(work);
    console.error(done);
    console.log(JSON.stringify(result));
    process.exit(0);
  } catch (error) {
    console.error(`${command} failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
