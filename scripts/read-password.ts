// Where the set-up commands (org:create, org:add-member) take a password from: the ORG_PASSWORD environment variable,
// stdin (--password-stdin), or a prompt that does not echo when run in a terminal. Not the command line: other users
// of the machine can read a process's arguments (ps, /proc/<pid>/cmdline) and the shell keeps them in its history.
export const PASSWORD_HELP =
  "A new user's password (at least 10 characters): ORG_PASSWORD='…' in the environment, piped with --password-stdin, or typed when asked (in a terminal).";

type PasswordSources = { argv?: string; fromStdin?: boolean; prompt: string };

export async function readPassword(sources: PasswordSources): Promise<string | undefined> {
  if (sources.argv !== undefined) {
    console.error(
      `Warning: --password puts the password where other users and the shell history can see it. ${PASSWORD_HELP}`,
    );
    return sources.argv;
  }
  if (process.env.ORG_PASSWORD) return process.env.ORG_PASSWORD;
  if (sources.fromStdin) return readAllStdin();
  if (process.stdin.isTTY) return (await promptHidden(sources.prompt)) || undefined;
  return undefined;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\u0003") {
          finish();
          process.exit(130); // Ctrl+C
        }
        if (char === "\r" || char === "\n" || char === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        value = char === "\u007f" || char === "\b" ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on("data", onData);
  });
}
