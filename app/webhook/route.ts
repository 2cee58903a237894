// Meta's callback URL. Public (Meta has no session or API key): the verify token and the request signature are
// what authenticate it (unsigned posts are refused unless an integration opted in to unsigned test deliveries),
// so it does not go through apiRoute, but errors still leave through errorResponse.
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/api/errors";
import { parseWith, readBodyBytes, searchParamsObject } from "@/lib/api/parse";
import { withResponseCheck } from "@/lib/api/response-contract";
import { clientIp } from "@/lib/auth/rate-limit";
import { isKnownVerifyToken } from "@/lib/messenger/verify-webhook-subscription";
import { receiveWebhook } from "@/lib/messenger/receive-webhook";
import {
  assertVerificationAllowance,
  assertWebhookAllowance,
  recordRejectedRequest,
} from "@/lib/messenger/webhook-rate-limit";
import { hasSignatureShape } from "@/lib/messenger/webhook-signature";
import { ZWebhookOrgQuery, ZWebhookVerifyQuery } from "@/lib/validations/messenger";

export const dynamic = "force-dynamic";

const verificationFailed = () => new AppError("forbidden", "Webhook verification failed");

export async function GET(request: Request): Promise<Response> {
  return withResponseCheck(request, await verifySubscription(request));
}

export async function POST(request: Request): Promise<Response> {
  return withResponseCheck(request, await receiveDelivery(request));
}

async function verifySubscription(request: Request): Promise<Response> {
  try {
    const query = ZWebhookVerifyQuery.safeParse(searchParamsObject(request));
    if (!query.success) throw verificationFailed();
    // Token guessing is limited like rejected deliveries: past the allowance, no token is looked at (not even the right one).
    const caller = { orgId: query.data.org_id, clientAddress: clientIp(request) };
    await assertVerificationAllowance(caller);
    if (!(await isKnownVerifyToken({ orgId: caller.orgId, verifyToken: query.data["hub.verify_token"] }))) {
      await recordRejectedRequest(caller, "verifications");
      throw verificationFailed();
    }
    // Echoed verbatim as inert text: nosniff stops a browser from rendering a crafted challenge as HTML.
    return new Response(query.data["hub.challenge"], {
      status: 200,
      headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

async function receiveDelivery(request: Request): Promise<Response> {
  try {
    const { org_id: orgId } = parseWith(ZWebhookOrgQuery, searchParamsObject(request));
    const signature = request.headers.get("x-hub-signature-256");
    const clientAddress = clientIp(request);
    // Before the body is read or the database touched: a flood is turned away at the cheapest point. A header that
    // cannot be a signature counts as none.
    await assertWebhookAllowance({ orgId, clientAddress, hasSignature: hasSignatureShape(signature) });
    const rawBody = await readBodyBytes(request);
    await receiveWebhook({ orgId, rawBody, signature, clientAddress });
    return new Response("EVENT_RECEIVED", { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
  } catch (error) {
    return errorResponse(error);
  }
}
