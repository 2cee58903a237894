"use client";

// Under an outbound message: where it came from when not from here, and what happened to a reply sent from here —
// still being sent, retried later (Meta busy), or failed with Meta's sentence and a "Retry" button for writers.
import { useOrg } from "@/components/app-shell/org-context";
import { BusyButton } from "@/components/ui/busy-button";
import type { TMessengerMessage } from "@/lib/validations/messenger-response";
import { useRetryReply } from "./use-messenger";

function FailedReply({ message, integrationId }: { message: TMessengerMessage; integrationId: string }) {
  const { canWrite } = useOrg();
  const retry = useRetryReply(integrationId);
  return (
    <div className="mt-2 rounded-md bg-white px-2 py-1.5 text-xs text-red-900" data-testid="reply-failed">
      <p>
        <span className="font-semibold">Not sent{message.error_code ? ` (error ${message.error_code})` : ""}:</span>{" "}
        {message.error_message ?? "Meta refused it."}
      </p>
      {retry.error && (
        <p className="mt-1 font-semibold" data-testid="retry-error">
          {retry.error.message}
        </p>
      )}
      {canWrite && (
        <BusyButton
          busyLabel="Retrying…"
          isBusy={retry.isPending}
          onClick={() => retry.mutate(message.id)}
          className="mt-1 rounded border border-red-300 px-2 py-0.5 font-medium text-red-900 hover:bg-red-50 disabled:opacity-60"
        >
          Retry
        </BusyButton>
      )}
    </div>
  );
}

export function OutboundStatus({ message, integrationId }: { message: TMessengerMessage; integrationId: string }) {
  if (message.direction !== "outbound") return null;
  const notes = [
    message.origin === "elsewhere" ? "Sent from Meta's inbox or another app" : null,
    message.tag === "HUMAN_AGENT" ? "Sent as human agent" : null,
    message.status === "pending"
      ? message.error_message
        ? `Not sent yet: ${message.error_message}`
        : "Sending…"
      : null,
  ].filter(Boolean);
  return (
    <>
      {notes.map((note) => (
        <p key={note} className="mt-1 text-xs text-blue-100" data-testid="outbound-note">
          {note}
        </p>
      ))}
      {message.status === "failed" && message.origin === "app" && (
        <FailedReply message={message} integrationId={integrationId} />
      )}
    </>
  );
}
