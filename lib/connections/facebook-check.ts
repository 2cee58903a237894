// Facebook: the Page token is good when GET /me?fields=id,name answers the Page.
import { z } from "zod";
import { callGraphApi, GraphApiError } from "@/lib/messenger/graph-api";
import { notConfigured, type ConnectionCheck } from "./connection-check";

const ZPage = z.object({ id: z.string(), name: z.string().optional() });

export const checkFacebook: ConnectionCheck = async (integration) => {
  if (!integration.accessToken) return notConfigured("The Page access token");
  try {
    const page = ZPage.safeParse(await callGraphApi(integration, "/me?fields=id,name"));
    if (!page.success) return { ok: false, error: "Facebook: unexpected answer to GET /me" };
    // A token of another Page would "work" here, yet webhooks for the configured Page would never match it.
    const configuredPageId = (integration.config as { page_id?: string } | null)?.page_id;
    if (configuredPageId && configuredPageId !== page.data.id) {
      return { ok: false, error: `The access token belongs to Page ${page.data.id}, not to the configured page_id ${configuredPageId}` };
    }
    return { ok: true, details: { id: page.data.id, name: page.data.name ?? null }, changes: { needsReauth: false } };
  } catch (error) {
    if (error instanceof GraphApiError) return { ok: false, error: error.message, needsReauth: error.isInvalidToken };
    throw error;
  }
};
