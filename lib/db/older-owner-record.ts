// Versions of this app before the socket lock (folder-lock.ts) recorded the owner of an embedded database folder in
// `owner.json` (pid + loopback port) and hold no lock, so one still running after an upgrade is only known by that.
import { readFile, rm } from "node:fs/promises";
import { connect } from "node:net";
import path from "node:path";

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isTcpListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1", timeout: 1000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

function parseRecord(text: string): { pid?: unknown; port?: unknown } {
  try {
    return JSON.parse(text) as { pid?: unknown; port?: unknown };
  } catch {
    return {};
  }
}

/**
 * Refuses while an older version still serves `dataRoot` (it must not share the folder with us); otherwise removes
 * its leftover record — one whose pid is gone, or was given to an unrelated process after a reboot (its port then
 * answers nothing). Called by the holder of the folder lock only.
 */
export async function clearOlderOwnerRecord(dataRoot: string) {
  const record = path.join(dataRoot, "owner.json");
  const text = await readFile(record, "utf8").catch(() => null);
  if (text === null) return;
  const { pid, port } = parseRecord(text);
  if (typeof pid === "number" && typeof port === "number" && isProcessAlive(pid) && (await isTcpListening(port))) {
    throw new Error(
      `An older version of this app (pid ${pid}) still serves the embedded database in ${dataRoot}. Stop it first.`,
    );
  }
  await rm(record, { force: true });
}
