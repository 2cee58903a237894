import { apiRoute } from "@/lib/api/route";
import { describeActor } from "@/lib/auth/describe-actor";

export const GET = apiRoute(async (_request, { actor }) => Response.json(await describeActor(actor)));

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
