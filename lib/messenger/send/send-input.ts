// What a reply is made of once the request has been read (lib/api/read-send-input.ts reads it).
import type { TOutboundAttachmentType } from "@/lib/validations/messenger";

export type ReplyFile = {
  type: TOutboundAttachmentType;
  name: string;
  mimeType: string;
  data: Uint8Array<ArrayBuffer>;
};
export type SendInput = { recipient_id: string; text?: string; tag?: "HUMAN_AGENT" };
