// Plays Meta's CDN (scontent.xx.fbcdn.net / cdn.fbsbx.com) in tests: files behind signed, expiring links of Meta's
// shape (`/v/t1.15752-9/<name>?_nc_cat=…&oh=<signature>&oe=<hex expiry>`). An expired link answers 403 "URL signature
// expired" like the real one; a file can be held (a slow CDN) until the test releases it, fail with 5xx a few
// times first, be larger than any body a test wants to buffer (streamed, with or without Content-Length), or redirect.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type CdnFile = {
  /** The bytes, or a size to stream (a repeating pattern) without holding it in memory. */
  body: Buffer | { size: number };
  contentType?: string;
  contentDisposition?: string;
  /** Send no Content-Length (chunked), so only counting the body can tell its size. */
  isChunked?: boolean;
  /** Hold the answer until release(url). */
  isHeld?: boolean;
  /** Answer this many requests with a 5xx first. */
  failuresFirst?: number;
  /** A link whose `oe` expiry has passed. */
  isExpired?: boolean;
  /** Answer 302 to this address instead (platform-lookaside.fbsbx.com links redirect to the CDN). */
  redirectTo?: string;
};

export type CdnRequest = { path: string; headers: IncomingHttpHeaders };

export type FakeMetaCdn = {
  origin: string;
  requests: CdnRequest[];
  /** Puts a file on the CDN and returns its signed link. */
  host(name: string, file: CdnFile): string;
  release(url: string): void;
  requestsFor(url: string): CdnRequest[];
  close(): Promise<void>;
};

const PATTERN = Buffer.alloc(64 * 1024, "0123456789abcdef");

function streamSize(response: ServerResponse, size: number) {
  let left = size;
  const writeMore = () => {
    while (left > 0) {
      const chunk = PATTERN.subarray(0, Math.min(PATTERN.length, left));
      left -= chunk.length;
      if (!response.write(chunk)) return void response.once("drain", writeMore);
    }
    response.end();
  };
  writeMore();
}

export async function startFakeMetaCdn(): Promise<FakeMetaCdn> {
  const files = new Map<string, CdnFile & { failuresLeft: number }>();
  const waiting = new Map<string, (() => void)[]>();
  const released = new Set<string>();
  const requests: CdnRequest[] = [];

  const serve = (path: string, expiry: number, response: ServerResponse) => {
    const file = files.get(path);
    if (!file) return response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    if (expiry * 1000 < Date.now())
      return response.writeHead(403, { "content-type": "text/plain" }).end("URL signature expired");
    if (file.redirectTo) return response.writeHead(302, { location: file.redirectTo }).end();
    if (file.failuresLeft > 0) {
      file.failuresLeft -= 1;
      return response.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
    }
    const size = Buffer.isBuffer(file.body) ? file.body.length : file.body.size;
    response.writeHead(200, {
      "content-type": file.contentType ?? "application/octet-stream",
      ...(file.contentDisposition ? { "content-disposition": file.contentDisposition } : {}),
      ...(file.isChunked ? {} : { "content-length": String(size) }),
      "cache-control": "max-age=1209600, no-transform",
    });
    if (Buffer.isBuffer(file.body)) response.end(file.body);
    else streamSize(response, file.body.size);
  };

  const server = createServer((incoming, response) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    requests.push({ path: url.pathname, headers: incoming.headers });
    const expiry = parseInt(url.searchParams.get("oe") ?? "0", 16);
    const file = files.get(url.pathname);
    if (file?.isHeld && !released.has(url.pathname)) {
      waiting.set(url.pathname, [...(waiting.get(url.pathname) ?? []), () => serve(url.pathname, expiry, response)]);
      return;
    }
    serve(url.pathname, expiry, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const pathOf = (url: string) => new URL(url).pathname;

  return {
    origin,
    requests,
    host(name, file) {
      const path = `/v/t1.15752-9/${randomBytes(6).toString("hex")}_${name}`;
      files.set(path, { ...file, failuresLeft: file.failuresFirst ?? 0 });
      // Meta's links carry a signature (oh) and an expiry (oe, hex seconds), a few days ahead.
      const expiry = Math.floor(Date.now() / 1000) + (file.isExpired ? -3600 : 3 * 24 * 3600);
      return `${origin}${path}?_nc_cat=1&ccb=1-7&_nc_sid=9f807c&oh=03_${randomBytes(16).toString("hex")}&oe=${expiry.toString(16)}`;
    },
    release(url) {
      const path = pathOf(url);
      released.add(path);
      for (const answer of waiting.get(path) ?? []) answer();
      waiting.delete(path);
    },
    requestsFor: (url) => requests.filter((request) => request.path === pathOf(url)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
