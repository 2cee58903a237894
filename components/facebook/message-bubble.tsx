import type { TMessengerMessage } from "@/lib/ui/api-types";
import { fullDate } from "@/lib/ui/format";

export function messagePreview(message: TMessengerMessage): string {
  if (message.text) return message.text;
  if (message.postback) return `Tapped “${message.postback.title ?? message.postback.payload ?? "a button"}”`;
  if (message.attachments.length) return `${message.attachments.length} attachment${message.attachments.length > 1 ? "s" : ""}`;
  return "(no text)";
}

function attachmentLinks(message: TMessengerMessage) {
  return message.attachments.flatMap((attachment, index) => {
    const item = attachment as { type?: string; payload?: { url?: string } };
    const url = item.payload?.url;
    // Only web links: a payload could carry any scheme.
    return url && /^https?:\/\//.test(url) ? [{ key: index, url, label: `${item.type ?? "file"} attachment` }] : [];
  });
}

export function MessageBubble({ message }: { message: TMessengerMessage }) {
  const isOutbound = message.direction === "outbound";
  const links = attachmentLinks(message);
  return (
    <li className={`flex ${isOutbound ? "justify-end" : "justify-start"}`} data-testid="message" data-direction={message.direction}>
      <div className={`max-w-[75%] rounded-lg px-3 py-2 text-sm ${isOutbound ? "bg-blue-700 text-white" : "bg-slate-100 text-slate-900"}`}>
        <p className="whitespace-pre-wrap break-words">{messagePreview(message)}</p>
        {links.map((link) => (
          <a key={link.key} href={link.url} target="_blank" rel="noreferrer noopener" className="mt-1 block underline">
            Open {link.label}
          </a>
        ))}
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
