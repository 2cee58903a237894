// Calls to Meta's Graph API with a Page token, and Meta's error shape turned into one readable sentence.
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { serverEnv } from "@/lib/config/server-env";
import type { Integration } from "@/lib/generated/prisma/client";
import { openRequiredSecret } from "@/lib/integrations/integration-secrets";
import { joinUrl, providerFetch } from "@/lib/connections/provider-fetch";

/** Meta's code for an invalid or expired access token: the admin must paste a new Page token. */
export const GRAPH_INVALID_TOKEN_CODE = 190;

const ZGraphError = z.object({
  error: z.object({
    message: z.string().default("Unknown error"),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
  }),
});

export class GraphApiError extends AppError {
  constructor(
    readonly graphMessage: string,
    readonly graphCode: number | null,
    readonly graphSubcode: number | null,
  ) {
    super("bad_gateway", `Facebook: ${graphMessage}${graphCode === null ? "" : ` (code ${graphCode})`}`);
  }

  get isInvalidToken() {
    return this.graphCode === GRAPH_INVALID_TOKEN_CODE;
  }
}

export function graphBaseUrl(integration: Pick<Integration, "apiBaseUrl">): string {
  return integration.apiBaseUrl ?? serverEnv().defaultFacebookApiBaseUrl;
}

/** GET or POST to the Graph API with the integration's Page token; Meta's errors become GraphApiError (502). */
export async function callGraphApi(
  integration: Pick<Integration, "id" | "apiBaseUrl" | "accessToken">,
  path: string,
  init: { method?: "GET" | "POST"; body?: unknown } = {},
): Promise<unknown> {
  if (!integration.accessToken) throw new AppError("bad_request", "This integration has no Page access token");
  const response = await providerFetch("Facebook", joinUrl(graphBaseUrl(integration), path), {
    method: init.method ?? "GET",
    headers: {
      // Header rather than ?access_token=, so the token never lands in a URL (and so in no proxy log).
      authorization: `Bearer ${openRequiredSecret(integration, "accessToken")}`,
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.ok) return response.json;
  const graphError = ZGraphError.safeParse(response.json);
  if (graphError.success) {
    const { message, code, error_subcode: subcode } = graphError.data.error;
    throw new GraphApiError(message, code ?? null, subcode ?? null);
  }
  throw new GraphApiError(`unexpected HTTP ${response.status} answer`, null, null);
}
