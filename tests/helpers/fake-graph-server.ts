// Meta's Graph API as far as this app uses it: GET /me?fields=id,name and POST /{me|page}/messages (Send API),
// with Meta's real error bodies. Tokens are registered per test, so parallel tests never share state.
import { randomBytes } from "node:crypto";
import { bearerToken, sendJson, startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from "./fake-http-server";

export const GRAPH_VERSION = "v21.0";

type Page = { id: string; name: string };
type TokenState = { page: Page; isExpired?: boolean; hangs?: boolean };

export type FakeGraphServer = FakeHttpServer & {
  /** What to put in the integration's api_base_url. */
  apiBaseUrl: string;
  addPage: (token: string, page: Page, state?: { isExpired?: boolean; hangs?: boolean }) => void;
  expireToken: (token: string) => void;
  /** PSIDs the Send API refuses: 551 (unavailable) or 10/2018278 (outside the 24 h window). */
  unavailableRecipients: Set<string>;
  outsideWindowRecipients: Set<string>;
  sentMessages: (token: string) => { recipient: string; text: string; messagingType: string; messageId: string }[];
};

const fbtrace = () => randomBytes(8).toString("base64url");

function graphError(message: string, code: number, extra: Record<string, unknown> = {}) {
  return { error: { message, type: "OAuthException", code, ...extra, fbtrace_id: fbtrace() } };
}

export async function startFakeGraphServer(): Promise<FakeGraphServer> {
  const tokens = new Map<string, TokenState>();
  const sent = new Map<string, { recipient: string; text: string; messagingType: string; messageId: string }[]>();
  const unavailableRecipients = new Set<string>();
  const outsideWindowRecipients = new Set<string>();

  const authenticate = (request: RecordedRequest) => {
    const token = bearerToken(request);
    const state = token ? tokens.get(token) : undefined;
    if (!token || !state) return { error: graphError("Invalid OAuth access token - Cannot parse access token", 190) };
    if (state.isExpired) {
      return {
        error: graphError("Error validating access token: Session has expired on Tuesday, 24-Nov-26 10:00:00 PST.", 190, {
          error_subcode: 463,
        }),
      };
    }
    return { token, state };
  };

  const server = await startFakeHttpServer((request, response) => {
    const auth = authenticate(request);
    if (auth.state?.hangs) return; // never answers: the app's timeout must fire
    if (!request.path.startsWith(`/${GRAPH_VERSION}/`)) return sendJson(response, 400, graphError("Unknown path components", 2500));
    const path = request.path.slice(GRAPH_VERSION.length + 1);
    if (auth.error) return sendJson(response, 400, auth.error);
    const { token, state } = auth;

    if (request.method === "GET" && path === "/me") {
      const fields = (request.query.get("fields") ?? "id").split(",");
      return sendJson(response, 200, Object.fromEntries(fields.map((field) => [field, state.page[field as keyof Page]])));
    }
    const sendPath = /^\/(me|\d+)\/messages$/.exec(path);
    if (request.method === "POST" && sendPath) {
      if (sendPath[1] !== "me" && sendPath[1] !== state.page.id) {
        return sendJson(response, 400, graphError("(#100) Param recipient is not valid for this page", 100));
      }
      let body: { recipient?: { id?: string }; messaging_type?: string; message?: { text?: string } };
      try {
        body = JSON.parse(request.body);
      } catch {
        return sendJson(response, 400, graphError("(#100) Invalid JSON body", 100));
      }
      const recipient = body.recipient?.id;
      const text = body.message?.text;
      if (!recipient) return sendJson(response, 400, graphError("(#100) The parameter recipient is required", 100));
      if (!body.messaging_type) return sendJson(response, 400, graphError("(#100) The parameter messaging_type is required", 100));
      if (typeof text !== "string" || text.length > 2000) {
        return sendJson(response, 400, graphError("(#100) Length of param message[text] must be less than or equal to 2000", 100));
      }
      if (unavailableRecipients.has(recipient)) {
        return sendJson(response, 400, graphError("(#551) This person isn't available right now.", 551, { error_subcode: 1545041 }));
      }
      if (outsideWindowRecipients.has(recipient)) {
        return sendJson(
          response,
          400,
          graphError("(#10) This message is sent outside of allowed window.", 10, { error_subcode: 2018278 }),
        );
      }
      const messageId = `m_${randomBytes(18).toString("base64url")}`;
      const list = sent.get(token) ?? [];
      list.push({ recipient, text, messagingType: body.messaging_type, messageId });
      sent.set(token, list);
      return sendJson(response, 200, { recipient_id: recipient, message_id: messageId });
    }
    return sendJson(response, 400, graphError(`Unsupported ${request.method} request.`, 100, { error_subcode: 33 }));
  });

  return {
    ...server,
    apiBaseUrl: `${server.origin}/${GRAPH_VERSION}`,
    addPage: (token, page, state = {}) => tokens.set(token, { page, ...state }),
    expireToken: (token) => {
      const state = tokens.get(token);
      if (state) state.isExpired = true;
    },
    unavailableRecipients,
    outsideWindowRecipients,
    sentMessages: (token) => sent.get(token) ?? [],
  };
}
