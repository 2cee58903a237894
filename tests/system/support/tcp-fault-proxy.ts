// A loopback TCP proxy in front of a database, for fault injection: `cut()` drops every open connection at once
// (in the middle of whatever query or transaction it carried) and refuses new ones until `restore()`.
import { createServer, connect, type Socket } from "node:net";

export type FaultProxy = {
  port: number;
  url: (databaseUrl: string) => string;
  cut: () => number;
  restore: () => void;
  close: () => Promise<void>;
};
export type ProxyTarget = { host: string; port: number } | { path: string };

/** Where a postgresql:// URL leads: a TCP address, or a Unix socket (`.s.PGSQL.<port>` in the folder named as host). */
export function proxyTargetOf(databaseUrl: string): ProxyTarget {
  const url = new URL(databaseUrl);
  const host = decodeURIComponent(url.hostname);
  const port = Number(url.port || 5432);
  return host.startsWith("/") ? { path: `${host}/.s.PGSQL.${port}` } : { host, port };
}

export async function startFaultProxy(target: ProxyTarget): Promise<FaultProxy> {
  const open = new Set<Socket>();
  let isDown = false;
  const server = createServer((client) => {
    if (isDown) return client.destroy();
    const upstream = "path" in target ? connect(target.path) : connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: (databaseUrl) => {
      const url = new URL(databaseUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    cut: () => {
      isDown = true;
      const dropped = open.size;
      for (const socket of open) socket.destroy();
      return dropped;
    },
    restore: () => {
      isDown = false;
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
