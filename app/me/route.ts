import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { describeActor } from "@/lib/auth/describe-actor";

export const GET = apiRoute(async (_request, { actor }) => Response.json(await describeActor(actor)));

export const OPTIONS = OPTIONS_HANDLER;
