"use client";

// The Messenger inbox of one integration: people who wrote to the Page (left), the selected thread (right) and a
// reply box. Viewers read only.
import { useState } from "react";
import { useOrg } from "@/components/app-shell/org-context";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { buttonClass, cardClass, focusRing } from "@/components/ui/styles";
import { fullDate, timeAgo } from "@/lib/ui/format";
import { MessageBubble, messagePreview } from "./message-bubble";
import { ReplyBox } from "./reply-box";
import { useConversations, useThread } from "./use-messenger";

export function FacebookInbox({ integrationId }: { integrationId: string }) {
  const { canWrite } = useOrg();
  const conversations = useConversations(integrationId);
  const [chosenPsid, setChosenPsid] = useState<string | null>(null);
  const selectedPsid = chosenPsid ?? conversations.data?.[0]?.psid ?? null;
  const thread = useThread(integrationId, selectedPsid);

  return (
    <section aria-labelledby="inbox-heading" className={cardClass} data-testid="inbox">
      <h2 id="inbox-heading" className="border-b border-slate-200 px-6 py-4 text-lg font-semibold text-slate-900">
        Inbox
      </h2>
      {conversations.isPending ? (
        <div className="space-y-3 p-6">
          <p role="status" className="sr-only">Loading conversations…</p>
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : conversations.isError ? (
        <div className="p-6">
          <Notice tone="error" title="The inbox could not be loaded" action={<button type="button" className={buttonClass.secondary} onClick={() => conversations.refetch()}>Retry</button>}>
            {conversations.error.message}
          </Notice>
        </div>
      ) : conversations.data.length === 0 ? (
        <p className="p-6 text-sm text-slate-700" data-testid="inbox-empty">
          No conversations yet. Once the webhook is set up, messages sent to your Page appear here.
        </p>
      ) : (
        <div className="grid md:grid-cols-[18rem_1fr]">
          <nav aria-label="Conversations" className="border-b border-slate-200 md:border-b-0 md:border-r">
            <ul className="max-h-[28rem] divide-y divide-slate-100 overflow-y-auto">
              {conversations.data.map((conversation) => {
                const isSelected = conversation.psid === selectedPsid;
                return (
                  <li key={conversation.psid}>
                    <button
                      type="button"
                      aria-current={isSelected ? "true" : undefined}
                      onClick={() => setChosenPsid(conversation.psid)}
                      className={`block w-full px-4 py-3 text-left ${focusRing} ${isSelected ? "bg-blue-50" : "hover:bg-slate-50"}`}
                    >
                      <span className="flex items-baseline justify-between gap-2">
                        <span className="font-medium text-slate-900">Person {conversation.psid}</span>
                        <time dateTime={conversation.last_message_at} title={fullDate(conversation.last_message_at)} className="shrink-0 text-xs text-slate-700">
                          {timeAgo(conversation.last_message_at)}
                        </time>
                      </span>
                      <span className="mt-0.5 block truncate text-sm text-slate-700">
                        {conversation.last_message.direction === "outbound" ? "You: " : ""}
                        {messagePreview(conversation.last_message)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="flex min-h-[20rem] flex-col">
            {selectedPsid && (
              <>
                <h3 className="border-b border-slate-100 px-6 py-3 text-sm font-semibold text-slate-900">Conversation with person {selectedPsid}</h3>
                <div className="max-h-[24rem] flex-1 overflow-y-auto px-6 py-4" data-testid="thread">
                  {thread.isPending ? (
                    <Skeleton className="h-16 w-2/3" />
                  ) : thread.isError ? (
                    <Notice tone="error" title="The conversation could not be loaded">{thread.error.message}</Notice>
                  ) : (
                    <ol className="space-y-3" aria-label="Messages">
                      {thread.data.map((message) => (
                        <MessageBubble key={message.id} message={message} />
                      ))}
                    </ol>
                  )}
                </div>
                {canWrite && <ReplyBox key={selectedPsid} integrationId={integrationId} psid={selectedPsid} />}
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
