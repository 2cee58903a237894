// A real HTTP server on 127.0.0.1 (random port) standing in for a provider in tests. Records every request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  /** The exact bytes (multipart uploads are binary). */
  rawBody: Buffer;
  /** Date.now() when the request arrived (tests check backoffs with it). */
  receivedAt: number;
};
export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => unknown;

export type FakeHttpServer = { origin: string; requests: RecordedRequest[]; close: () => Promise<void> };

export async function startFakeHttpServer(handler: FakeHandler): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const request = {
        method: incoming.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        rawBody: Buffer.concat(chunks),
        receivedAt: Date.now(),
      };
      requests.push(request);
      try {
        await handler(request, response);
      } catch (error) {
        response.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

export function bearerToken(request: RecordedRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length);
  return request.query.get("access_token");
}

/** The fields of an application/x-www-form-urlencoded body, as OAuth token endpoints take them. */
export const formOf = (request: RecordedRequest) => new URLSearchParams(request.body);
