"use client";

// The reply form under a thread: the messaging window banner, the text, an attached file (with a preview and Meta's
// size limits checked before upload) and, once the 24-hour window has closed, the explicit "reply as human agent"
// choice — never made for the person, since Meta allows that tag for human replies only.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { buttonClass, focusRing, inputClass } from "@/components/ui/styles";
import { MAX_MESSAGE_TEXT, replyFileTooLarge } from "@/lib/validations/messenger";
import { useSendReply } from "./use-messenger";
import { useMessagingWindow, WindowBanner } from "./window-banner";

// The server's rules for the text (at most 2000 characters; not empty unless a file goes alone).
const ZReplyForm = z
  .object({
    text: z.string().max(MAX_MESSAGE_TEXT, `text must be at most ${MAX_MESSAGE_TEXT} characters`),
    hasFile: z.boolean(),
    asHumanAgent: z.boolean(),
  })
  .refine((values) => values.hasFile || values.text.trim().length > 0, {
    path: ["text"],
    message: "text must not be empty",
  });
type TReplyForm = z.infer<typeof ZReplyForm>;

const sizeLabel = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function FilePreview({ file, onRemove }: { file: File; onRemove: () => void }) {
  const isImage = file.type.startsWith("image/") && file.type !== "image/svg+xml";
  const url = useMemo(() => (isImage ? URL.createObjectURL(file) : null), [file, isImage]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return (
    <div
      className="mt-2 flex items-center gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
      data-testid="attachment-preview"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- a local blob: preview, not an optimizable asset */}
      {url && <img src={url} alt={`Preview of ${file.name}`} className="h-12 w-12 rounded object-cover" />}
      <span className="min-w-0 flex-1 truncate text-slate-800">
        {file.name} <span className="text-slate-700">· {sizeLabel(file.size)}</span>
      </span>
      <button type="button" className={buttonClass.ghost} onClick={onRemove}>
        Remove file
      </button>
    </div>
  );
}

export function ReplyBox({
  integrationId,
  psid,
  windowClosesAt,
}: {
  integrationId: string;
  psid: string;
  windowClosesAt?: string | null;
}) {
  const send = useSendReply(integrationId);
  const messagingState = useMessagingWindow(windowClosesAt ?? null);
  const fileInput = useRef<HTMLInputElement>(null);
  // Unknown (an older server without window_closes_at): no banner, and the server's 409 says what to do.
  const isWindowKnown = windowClosesAt !== undefined;
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const form = useForm<TReplyForm>({
    resolver: zodResolver(ZReplyForm),
    defaultValues: { text: "", hasFile: false, asHumanAgent: false },
  });
  const length = useWatch({ control: form.control, name: "text" }).length;
  const asHumanAgent = useWatch({ control: form.control, name: "asHumanAgent" });
  const isClosed = isWindowKnown && messagingState.state === "closed";
  const needsHumanAgent = isWindowKnown && messagingState.state === "human_agent";
  const error = form.formState.errors.text?.message ?? fileError ?? (send.error ? send.error.message : null);

  const chooseFile = (chosen: File | null) => {
    const tooLarge = chosen ? replyFileTooLarge({ size: chosen.size, type: chosen.type }) : null;
    setFileError(tooLarge ?? (chosen && chosen.size === 0 ? "The file is empty" : null));
    const kept = tooLarge || chosen?.size === 0 ? null : chosen;
    setFile(kept);
    form.setValue("hasFile", Boolean(kept));
    if (!kept) setInputKey((key) => key + 1); // clears the refused choice from the input
  };

  const submit = form.handleSubmit((values) =>
    send
      .mutateAsync({
        recipient_id: psid,
        text: values.text,
        file,
        ...(needsHumanAgent && values.asHumanAgent ? { tag: "HUMAN_AGENT" as const } : {}),
      })
      .then(
        () => {
          // The reply is in the thread now (sent, or failed there with Retry): the box is free for the next one.
          form.reset({ text: "", hasFile: false, asHumanAgent: false });
          chooseFile(null);
        },
        () => undefined, // shown below from send.error; the text stays so nothing typed is lost
      ),
  );

  return (
    <form className="space-y-2 border-t border-slate-200 px-6 py-4" aria-label="Reply" noValidate onSubmit={submit}>
      {isWindowKnown && <WindowBanner window={messagingState} />}
      <label htmlFor="reply-text" className="block text-sm font-medium text-slate-800">
        Reply to person {psid}
      </label>
      <textarea
        id="reply-text"
        rows={3}
        className={inputClass}
        aria-invalid={Boolean(error)}
        aria-describedby={`reply-count${error ? " reply-error" : ""}`}
        onKeyDown={(event) => {
          // Ctrl/⌘+Enter sends, like most chat tools; Enter alone makes a new line.
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
        }}
        {...form.register("text")}
      />
      {file && <FilePreview file={file} onRemove={() => chooseFile(null)} />}
      {needsHumanAgent && (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className={focusRing} {...form.register("asHumanAgent")} />
          Reply as a human agent (Meta&apos;s HUMAN_AGENT tag: only for a person answering, never automated)
        </label>
      )}
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p
          id="reply-count"
          className={`text-xs ${length > MAX_MESSAGE_TEXT ? "font-semibold text-red-800" : "text-slate-700"}`}
        >
          {length} / {MAX_MESSAGE_TEXT} characters · Ctrl+Enter sends · files up to 25 MB (images 8 MB)
        </p>
        <div className="flex items-center gap-2">
          <input
            key={inputKey}
            ref={fileInput}
            id="reply-file"
            type="file"
            hidden
            aria-label="File to send"
            onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
          />
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => fileInput.current?.click()}
            disabled={isClosed}
          >
            Attach file
          </button>
          <button
            type="submit"
            className={buttonClass.primary}
            disabled={send.isPending || isClosed || (needsHumanAgent && !asHumanAgent)}
          >
            {send.isPending ? "Sending…" : "Send"}
          </button>
        </div>
      </div>
      {error && (
        <p
          id="reply-error"
          data-testid="reply-error"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          {error.charAt(0).toUpperCase() + error.slice(1)}
        </p>
      )}
    </form>
  );
}
