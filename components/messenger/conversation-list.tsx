"use client";

// The people who wrote to the Page, most recent first: name (or "Facebook user …1234"), picture, last message, unread
// count, and "Load more" for older conversations.
import { personLabel } from "@/lib/messenger/people/person-label";
import type { TConversation } from "@/lib/validations/messenger-response";
import { buttonClass, focusRing } from "@/components/ui/styles";
import { fullDate, timeAgo } from "@/lib/ui/format";
import { messagePreview } from "./message-bubble";
import { PersonAvatar } from "./person-avatar";

type Props = {
  conversations: TConversation[];
  selectedPsid: string | null;
  onSelect: (psid: string) => void;
  hasMore: boolean;
  isLoadingMore: boolean;
  onLoadMore: () => void;
  className?: string;
};

function UnreadBadge({ count }: { count: number }) {
  if (!count) return null;
  return (
    <span
      className="ml-auto shrink-0 rounded-full bg-blue-700 px-2 py-0.5 text-xs font-semibold text-white"
      data-testid="unread-count"
    >
      {count > 99 ? "99+" : count}
      <span className="sr-only"> unread</span>
    </span>
  );
}

export function ConversationList({
  conversations,
  selectedPsid,
  onSelect,
  hasMore,
  isLoadingMore,
  onLoadMore,
  className = "",
}: Props) {
  return (
    <nav aria-label="Conversations" className={`border-b border-slate-200 md:border-r md:border-b-0 ${className}`}>
      <ul className="max-h-[28rem] divide-y divide-slate-100 overflow-y-auto">
        {conversations.map((conversation) => {
          const isSelected = conversation.psid === selectedPsid;
          const last = conversation.last_message;
          return (
            <li key={conversation.psid} data-testid="conversation">
              <button
                type="button"
                aria-current={isSelected ? "true" : undefined}
                onClick={() => onSelect(conversation.psid)}
                className={`flex w-full gap-3 px-4 py-3 text-left ${focusRing} ${isSelected ? "bg-blue-50" : "hover:bg-slate-50"}`}
              >
                <PersonAvatar conversation={conversation} />
                <span className="min-w-0 flex-1">
                  {/* The name gets the whole line: "Facebook user …1234" must keep its last digits. */}
                  <span
                    className={`block truncate text-slate-900 ${conversation.unread_count ? "font-bold" : "font-medium"}`}
                  >
                    {personLabel(conversation)}
                  </span>
                  <span className="mt-0.5 flex items-center gap-2">
                    <span className="truncate text-sm text-slate-700">
                      {last ? `${last.direction === "outbound" ? "You: " : ""}${messagePreview(last)}` : "…"}
                    </span>
                    <UnreadBadge count={conversation.unread_count} />
                  </span>
                  <span className="mt-0.5 block text-xs text-slate-700">
                    {conversation.last_message_at && (
                      <time dateTime={conversation.last_message_at} title={fullDate(conversation.last_message_at)}>
                        {timeAgo(conversation.last_message_at)}
                      </time>
                    )}
                    {conversation.is_in_standby && <span className="text-amber-800"> · Handled by another app</span>}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {hasMore && (
        <div className="border-t border-slate-100 p-3">
          <button
            type="button"
            className={`${buttonClass.secondary} w-full`}
            onClick={onLoadMore}
            disabled={isLoadingMore}
          >
            {isLoadingMore ? "Loading…" : "Load more conversations"}
          </button>
        </div>
      )}
    </nav>
  );
}
