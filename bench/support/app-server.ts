// Starts the production app the way users do (scripts/launch.ts start), on a free loopback port, and exposes what
// benchmarks and system tests need: its URL, the Next server's process (for RSS), its output, and a graceful stop.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

export type AppServer = {
  url: string;
  port: number;
  launcher: ChildProcess;
  output: () => string;
  /** Resident memory (kB) of the Next server process. */
  rssKb: () => number;
  /** CPU time (ms) the Next server process has used so far. */
  cpuMs: () => number;
  kill: () => void;
  /** SIGTERM, then waits for the launcher to exit; resolves with its exit code. */
  stop: (timeoutMs?: number) => Promise<number | null>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The `next-server` process among the launcher's descendants (Next renames its process), else the deepest one. */
function findNextServerPid(rootPid: number): number {
  const queue = [rootPid];
  let deepest = rootPid;
  while (queue.length) {
    const pid = queue.shift()!;
    const cmdline = (() => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        return "";
      }
    })();
    if (cmdline.startsWith("next-server")) return pid;
    deepest = pid;
    queue.push(...childrenOf(pid));
  }
  return deepest;
}

/** CPU time (user + system, ms) a process has used so far: load-independent cost, unlike req/s on a shared machine. */
export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime are fields 14 and 15 of the full line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

export function rssKbOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export async function waitForHealthy(
  url: string,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error("the server exited before it became healthy");
    const response = await fetch(`${url}/healthz`).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms`);
}

export async function startApp(options: {
  distDir: string;
  env: Record<string, string | undefined>;
  port?: number;
  startTimeoutMs?: number;
}): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const launcher = spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start", "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
      NEXT_DIST_DIR: options.distDir,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a stuck server can be killed together with Next (see killGroup).
    detached: true,
  });
  const killGroup = () => {
    try {
      process.kill(-launcher.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  // If whoever started it dies first, do not leave a server running on the shared machine.
  process.once("exit", killGroup);
  let output = "";
  launcher.stdout!.on("data", (chunk) => (output += chunk));
  launcher.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => launcher.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(url, options.startTimeoutMs ?? 90_000, () => launcher.exitCode === null);
  } catch (error) {
    killGroup();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  let nextPid = 0;
  return {
    url,
    port,
    launcher,
    output: () => output,
    kill: killGroup,
    rssKb: () => rssKbOf((nextPid ||= findNextServerPid(launcher.pid!))),
    cpuMs: () => cpuMsOf((nextPid ||= findNextServerPid(launcher.pid!))),
    stop: async (timeoutMs = 30_000) => {
      if (launcher.exitCode !== null) return launcher.exitCode;
      launcher.kill("SIGTERM");
      const timer = setTimeout(killGroup, timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
