"use client";

// The Messenger inbox of one integration: people who wrote to the Page (left, paged), the selected thread (right) and
// a reply box. Opening a conversation marks it read for the team (writers only: viewers read without changing it).
// On a phone the list and the thread take turns: choosing a person opens their thread, "All conversations" goes back.
import { useEffect, useRef, useState } from "react";
import { useOrg } from "@/components/app-shell/org-context";
import { Notice } from "@/components/ui/notice";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { QueryState } from "@/components/ui/query-state";
import { Skeleton } from "@/components/ui/skeleton";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { personLabel } from "@/lib/messenger/people/person-label";
import { useMediaQuery } from "@/lib/ui/use-media-query";
import type { TConversation } from "@/lib/validations/messenger-response";
import { ConversationList } from "./conversation-list";
import { MessageBubble } from "./message-bubble";
import { PersonAvatar } from "./person-avatar";
import { ReplyBox } from "./reply-box";
import { useConversationList, useMarkRead } from "./use-conversation-list";
import { useInboxEvents } from "./use-inbox-events";
import { useThread } from "./use-messenger";

// New messages arrive through the live stream; only while it is down does the inbox poll, slowly.
const FALLBACK_POLL_MS = 30_000;

/** Marks the open conversation read whenever it shows unread messages (once per new unread state). */
function useMarkOpenConversationRead(
  integrationId: string,
  conversation: TConversation | undefined,
  canWrite: boolean,
) {
  const markRead = useMarkRead(integrationId);
  const lastMarked = useRef<string | null>(null);
  const key =
    conversation && conversation.unread_count > 0 ? `${conversation.psid}@${conversation.last_message_at}` : null;
  useEffect(() => {
    if (!canWrite || !key || !conversation || lastMarked.current === key) return;
    lastMarked.current = key;
    markRead.mutate(conversation.psid);
  }, [canWrite, key, conversation, markRead]);
}

function StandbyWarning() {
  return (
    <div className="px-6 pt-3">
      <Notice tone="warning" title="Another app owns this conversation" testId="standby-warning">
        Meta sends this person&apos;s messages to this app on standby (handover protocol): a chatbot or Meta&apos;s Page
        inbox is answering. Replies sent from here may be refused until that app passes the conversation back.
      </Notice>
    </div>
  );
}

type ThreadProps = {
  integrationId: string;
  conversation: TConversation;
  canWrite: boolean;
  refetchInterval: number | false;
  onBack: () => void;
};

function Thread({ integrationId, conversation, canWrite, refetchInterval, onBack }: ThreadProps) {
  const thread = useThread(integrationId, conversation.psid, { refetchInterval });
  return (
    <>
      <div className="border-b border-slate-100 px-4 py-2 md:hidden">
        <button type="button" className={buttonClass.ghost} onClick={onBack}>
          <span aria-hidden="true">←</span> All conversations
        </button>
      </div>
      <h3 className="flex min-w-0 items-center gap-3 border-b border-slate-100 px-4 py-3 text-sm font-semibold break-words text-slate-900 md:px-6">
        <PersonAvatar conversation={conversation} size="sm" />
        <span data-testid="thread-title">Conversation with {personLabel(conversation)}</span>
      </h3>
      {conversation.is_in_standby && <StandbyWarning />}
      <div className="max-h-[24rem] flex-1 overflow-y-auto px-4 py-4 md:px-6" data-testid="thread">
        {thread.isPending ? (
          <Skeleton className="h-16 w-2/3" />
        ) : thread.isError ? (
          <Notice tone="error" title="The conversation could not be loaded">
            {thread.error.message}
          </Notice>
        ) : (
          <ol className="space-y-3" aria-label="Messages">
            {thread.hasNextPage && (
              <li className="text-center">
                <LoadMoreButton query={thread} label="Load older messages" />
              </li>
            )}
            {thread.messages.map((message) => (
              <MessageBubble key={message.id} message={message} integrationId={integrationId} />
            ))}
          </ol>
        )}
      </div>
      {canWrite && (
        <ReplyBox
          key={conversation.psid}
          integrationId={integrationId}
          psid={conversation.psid}
          windowClosesAt={conversation.window_closes_at}
        />
      )}
    </>
  );
}

export function FacebookInbox({ integrationId }: { integrationId: string }) {
  const { canWrite } = useOrg();
  const { isLive } = useInboxEvents(integrationId);
  const refetchInterval = isLive ? false : FALLBACK_POLL_MS;
  const list = useConversationList(integrationId, { refetchInterval });
  const [chosenPsid, setChosenPsid] = useState<string | null>(null);
  // Side by side, the newest conversation opens by itself; on a phone nothing opens (and is marked read) unasked.
  const isSideBySide = useMediaQuery("(min-width: 768px)");
  const chosen = list.conversations.find((conversation) => conversation.psid === chosenPsid);
  const selected = chosen ?? (isSideBySide ? list.conversations[0] : undefined);
  useMarkOpenConversationRead(integrationId, selected, canWrite);

  return (
    <section aria-labelledby="inbox-heading" className={cardClass} data-testid="inbox">
      <h2 id="inbox-heading" className="border-b border-slate-200 px-6 py-4 text-lg font-semibold text-slate-900">
        Inbox
      </h2>
      <QueryState
        query={list}
        loadingLabel="Loading conversations…"
        errorTitle="The inbox could not be loaded"
        padding="p-6"
        skeletonClassName="h-10 w-full"
        isEmpty={list.conversations.length === 0}
        empty={
          <p className="p-6 text-sm text-slate-700" data-testid="inbox-empty">
            No conversations yet. Once the webhook is set up, messages sent to your Page appear here.
          </p>
        }
      >
        {() => (
          <div className="grid grid-cols-1 md:grid-cols-[18rem_minmax(0,1fr)]">
            <ConversationList
              className={chosen ? "max-md:hidden" : ""}
              conversations={list.conversations}
              selectedPsid={selected?.psid ?? null}
              onSelect={setChosenPsid}
              hasMore={list.hasNextPage}
              isLoadingMore={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
            <div className={`min-w-0 flex-col md:flex md:min-h-[20rem] ${chosen ? "flex" : "hidden"}`}>
              {selected && (
                <Thread
                  integrationId={integrationId}
                  conversation={selected}
                  canWrite={canWrite}
                  refetchInterval={refetchInterval}
                  onBack={() => setChosenPsid(null)}
                />
              )}
            </div>
          </div>
        )}
      </QueryState>
    </section>
  );
}
