import type { TMessengerMessage } from "@/lib/validations/messenger-response";
import { fullDate } from "@/lib/ui/format";
import { AttachmentList } from "./attachment-list";
import { MessageExtras, referralSentence } from "./message-extras";
import { OutboundStatus } from "./outbound-status";

export function messagePreview(message: TMessengerMessage): string {
  if (message.kind === "referral" && message.referral) return referralSentence(message.referral);
  if (message.text) return message.text;
  if (message.postback) return `Tapped “${message.postback.title ?? message.postback.payload ?? "a button"}”`;
  if (message.attachments.length)
    return `${message.attachments.length} attachment${message.attachments.length > 1 ? "s" : ""}`;
  return "(no text)";
}

export function MessageBubble({ message, integrationId }: { message: TMessengerMessage; integrationId?: string }) {
  const isOutbound = message.direction === "outbound";
  return (
    <li
      className={`flex ${isOutbound ? "justify-end" : "justify-start"}`}
      data-testid="message"
      data-direction={message.direction}
    >
      <div
        className={`max-w-[75%] rounded-lg px-3 py-2 text-sm ${isOutbound ? "bg-blue-700 text-white" : "bg-slate-100 text-slate-900"}`}
      >
        <p className="break-words whitespace-pre-wrap">{messagePreview(message)}</p>
        <AttachmentList attachments={message.attachments} />
        <MessageExtras message={message} isOutbound={isOutbound} />
        {integrationId && <OutboundStatus message={message} integrationId={integrationId} />}
        <p className={`mt-1 text-xs ${isOutbound ? "text-blue-100" : "text-slate-700"}`}>
          <span className="sr-only">{isOutbound ? "Sent by the Page" : "Received"}, </span>
          <time dateTime={message.timestamp}>{fullDate(message.timestamp)}</time>
          {isOutbound && message.status ? ` · ${message.status}` : ""}
          {message.is_verified === false ? " · unverified" : ""}
        </p>
      </div>
    </li>
  );
}
