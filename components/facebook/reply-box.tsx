"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { MAX_MESSAGE_TEXT, ZSendMessage } from "@/lib/validations/messenger";
import { useSendReply } from "./use-messenger";

// The server's own rule for the text (not empty, at most 2000 characters).
const ZReply = ZSendMessage.pick({ text: true });
type TReply = { text: string };

export function ReplyBox({ integrationId, psid }: { integrationId: string; psid: string }) {
  const send = useSendReply(integrationId);
  const form = useForm<TReply>({ resolver: zodResolver(ZReply), defaultValues: { text: "" } });
  const length = useWatch({ control: form.control, name: "text" }).length;
  const fieldError = form.formState.errors.text?.message;
  const error = fieldError ?? (send.error ? send.error.message : null);

  return (
    <form
      className="border-t border-slate-200 px-6 py-4"
      aria-label="Reply"
      noValidate
      onSubmit={form.handleSubmit((values) =>
        send.mutateAsync({ recipient_id: psid, text: values.text }).then(
          () => form.reset({ text: "" }),
          () => undefined, // shown below from send.error; the text stays so nothing typed is lost
        ),
      )}
    >
      <label htmlFor="reply-text" className="block text-sm font-medium text-slate-800">
        Reply to person {psid}
      </label>
      <textarea
        id="reply-text"
        rows={3}
        className={`mt-1 ${inputClass}`}
        aria-invalid={Boolean(error)}
        aria-describedby={`reply-count${error ? " reply-error" : ""}`}
        onKeyDown={(event) => {
          // Ctrl/⌘+Enter sends, like most chat tools; Enter alone makes a new line.
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
        }}
        {...form.register("text")}
      />
      <div className="mt-2 flex items-center justify-between gap-4">
        <p id="reply-count" className={`text-xs ${length > MAX_MESSAGE_TEXT ? "font-semibold text-red-800" : "text-slate-700"}`}>
          {length} / {MAX_MESSAGE_TEXT} characters · Ctrl+Enter sends
        </p>
        <button type="submit" className={buttonClass.primary} disabled={send.isPending}>
          {send.isPending ? "Sending…" : "Send"}
        </button>
      </div>
      {error && (
        <p id="reply-error" data-testid="reply-error" className="mt-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error.charAt(0).toUpperCase() + error.slice(1)}
        </p>
      )}
    </form>
  );
}
