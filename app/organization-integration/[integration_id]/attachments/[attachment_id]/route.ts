import { integrationIdParam } from "@/lib/api/parse";
import { badRequest } from "@/lib/errors";
import { apiRoute } from "@/lib/api/route";
import { attachmentResponse } from "@/lib/messenger/attachments/attachment-response";
import { openAttachment } from "@/lib/messenger/attachments/open-attachment";
import { ZUuid } from "@/lib/validations/integration";

export const GET = apiRoute(async (request, { actor, params }) => {
  const integrationId = integrationIdParam(params);
  const attachmentId = ZUuid.safeParse(params.attachment_id);
  if (!attachmentId.success) throw badRequest("attachment_id must be a valid UUID");
  const file = await openAttachment({
    actor,
    integrationId,
    attachmentId: attachmentId.data,
    rangeHeader: request.headers.get("range"),
  });
  return attachmentResponse(file, request.headers.get("if-none-match"));
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
