// The TCP ports a process listens on, read from Linux's /proc: shows that a database is not among them.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

const TCP_LISTEN = "0A";

export function listeningTcpPorts(pid: number): number[] {
  const socketInodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) socketInodes.add(inode);
    } catch {
      // closed while we looked
    }
  }
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").trim().split("\n").slice(1)) {
      const [, localAddress, , state, , , , , , inode] = line.trim().split(/\s+/);
      if (state === TCP_LISTEN && socketInodes.has(inode)) ports.push(parseInt(localAddress.split(":")[1], 16));
    }
  }
  return ports;
}
