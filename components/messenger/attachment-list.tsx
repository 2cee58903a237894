// A message's attachments as people expect them in an inbox: pictures and stickers shown, video and sound playable,
// other files as a download link — all from this server's own copy (`url`), never Meta's expiring CDN link. Until the
// copy exists, or when it cannot be made, the attachment says so instead of showing a broken image.
import type { TMessengerAttachment } from "@/lib/validations/messenger-response";

const LABELS: Record<string, string> = {
  image: "Image",
  video: "Video",
  audio: "Audio",
  file: "File",
  sticker: "Sticker",
  fallback: "Shared link",
};

const labelOf = (attachment: TMessengerAttachment) => LABELS[attachment.type] ?? "Attachment";

function formatSize(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// Only web links: a shared link's address comes from the person who shared it.
const isWebLink = (url: string | null): url is string => Boolean(url && /^https?:\/\//i.test(url));

function StoredAttachment({ attachment, url }: { attachment: TMessengerAttachment; url: string }) {
  const mimeType = attachment.mime_type ?? "";
  const label = attachment.name ?? labelOf(attachment);
  if (mimeType.startsWith("image/") && mimeType !== "image/svg+xml") {
    const isSticker = attachment.type === "sticker";
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" className="block">
        {/* eslint-disable-next-line @next/next/no-img-element -- our own authenticated route: next/image's optimizer would fetch it without the reader's cookie */}
        <img
          src={url}
          alt={isSticker ? "Sticker" : label}
          loading="lazy"
          className={isSticker ? "h-24 w-24 object-contain" : "max-h-64 max-w-full rounded"}
        />
      </a>
    );
  }
  if (mimeType.startsWith("video/")) {
    return <video controls preload="metadata" src={url} aria-label={label} className="max-h-64 max-w-full rounded" />;
  }
  if (mimeType.startsWith("audio/")) {
    return <audio controls preload="metadata" src={url} aria-label={label} className="max-w-full" />;
  }
  return (
    <a href={url} download={attachment.name ?? true} className="underline">
      Download {label}
      {attachment.size !== null && <span className="opacity-80"> ({formatSize(attachment.size)})</span>}
    </a>
  );
}

function AttachmentItem({ attachment }: { attachment: TMessengerAttachment }) {
  if (attachment.status === "stored" && attachment.url)
    return <StoredAttachment attachment={attachment} url={attachment.url} />;
  if (attachment.type === "fallback" || isWebLink(attachment.link)) {
    const title = attachment.name ?? attachment.link ?? "Shared content";
    return isWebLink(attachment.link) ? (
      <a href={attachment.link} target="_blank" rel="noopener noreferrer nofollow" className="underline">
        {labelOf(attachment)}: {title}
      </a>
    ) : (
      <span>
        {labelOf(attachment)}: {title}
      </span>
    );
  }
  if (attachment.status === "pending") {
    return <span className="italic opacity-80">{labelOf(attachment)} — downloading…</span>;
  }
  return (
    <span className="italic opacity-80">
      {labelOf(attachment)} unavailable{attachment.error ? ` — ${attachment.error}` : ""}
    </span>
  );
}

export function AttachmentList({ attachments }: { attachments: TMessengerAttachment[] }) {
  if (!attachments.length) return null;
  return (
    <ul className="mt-1 space-y-1" aria-label="Attachments" data-testid="attachments">
      {attachments.map((attachment, index) => (
        <li
          key={attachment.id ?? index}
          data-testid="attachment"
          data-status={attachment.status}
          data-type={attachment.type}
        >
          <AttachmentItem attachment={attachment} />
        </li>
      ))}
    </ul>
  );
}
