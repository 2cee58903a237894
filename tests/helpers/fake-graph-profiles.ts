// Meta's User Profile API for the fake Graph server (fake-graph-server.ts wires it in): GET /{psid}?fields=first_name,
// last_name,profile_pic with a Page token, Meta's refusals (100/2018218 "No profile available", 4 rate limit), and the
// picture itself on a lookaside-like path of the same server (/lookaside/profilepic/{psid}), links that can expire.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { graphError } from "./fake-graph-errors";
import type { RecordedRequest } from "./fake-http-server";
import { sendJson } from "./fake-http-server";

export type FakeProfile = {
  first_name?: string;
  last_name?: string;
  picture?: { bytes: Uint8Array; contentType: string } | null;
};
type Refusal = "no_profile" | "rate_limited";

export type FakeGraphProfileApi = {
  addProfile: (psid: string, profile: FakeProfile) => void;
  /** Meta refuses this person's profile: 100/2018218 (no profile available) or 4 (rate limit, temporary); null: answers again. */
  refuseProfile: (psid: string, refusal: Refusal | null) => void;
  /** How many times the app asked for this person's profile, and for their picture. */
  profileCalls: (psid: string) => number;
  pictureCalls: (psid: string) => number;
  /** Every picture link now answers like an expired lookaside URL (403). */
  expirePictures: () => void;
};

/** A tiny valid PNG (1×1), for tests that only need picture bytes. */
export const ONE_PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export function fakeGraphProfiles(graphVersion: string) {
  const profiles = new Map<string, FakeProfile>();
  const refusals = new Map<string, Refusal>();
  const calls = new Map<string, number>();
  const pictureCalls = new Map<string, number>();
  let picturesExpired = false;
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  function servePicture(request: RecordedRequest, response: ServerResponse, psid: string) {
    count(pictureCalls, psid);
    const picture = profiles.get(psid)?.picture;
    if (picturesExpired || !picture)
      return response.writeHead(403, { "content-type": "text/plain" }).end("URL signature expired");
    response
      .writeHead(200, { "content-type": picture.contentType, "content-length": String(picture.bytes.byteLength) })
      .end(Buffer.from(picture.bytes));
  }

  /** Handles the request if it is one of ours (true), else leaves it to the rest of the fake. */
  function handle(request: RecordedRequest, response: ServerResponse, auth: { error?: unknown }): boolean {
    const picture = /^\/lookaside\/profilepic\/(\d+)$/.exec(request.path);
    if (picture && request.method === "GET") {
      servePicture(request, response, picture[1]);
      return true;
    }
    const profile = new RegExp(`^/${graphVersion}/(\\d+)$`).exec(request.path);
    if (!profile || request.method !== "GET" || !(request.query.get("fields") ?? "").includes("first_name"))
      return false;
    const psid = profile[1];
    count(calls, psid);
    const reply = (status: number, body: unknown) => {
      sendJson(response, status, body);
      return true;
    };
    if (auth.error) return reply(400, auth.error);
    const refusal = refusals.get(psid);
    if (refusal === "rate_limited") return reply(400, graphError("(#4) Application request limit reached", 4));
    const known = profiles.get(psid);
    if (!known || refusal === "no_profile")
      return reply(400, graphError("(#100) No profile available for this user.", 100, 2018218));
    const origin = `http://${request.headers.host}`;
    const fields = (request.query.get("fields") ?? "").split(",");
    const answer: Record<string, string> = { id: psid };
    if (fields.includes("first_name") && known.first_name !== undefined) answer.first_name = known.first_name;
    if (fields.includes("last_name") && known.last_name !== undefined) answer.last_name = known.last_name;
    if (fields.includes("profile_pic") && known.picture)
      answer.profile_pic = `${origin}/lookaside/profilepic/${psid}?ext=${Date.now()}&hash=${randomBytes(6).toString("hex")}`;
    return reply(200, answer);
  }

  const api: FakeGraphProfileApi = {
    addProfile: (psid, profile) => void profiles.set(psid, profile),
    refuseProfile: (psid, refusal) => void (refusal ? refusals.set(psid, refusal) : refusals.delete(psid)),
    profileCalls: (psid) => calls.get(psid) ?? 0,
    pictureCalls: (psid) => pictureCalls.get(psid) ?? 0,
    expirePictures: () => void (picturesExpired = true),
  };
  return { handle, api };
}
