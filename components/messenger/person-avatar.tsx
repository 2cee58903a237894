// A person's picture as this server keeps it, or their initials (or a generic mark) when Meta gave none.
import { personLabel } from "@/lib/messenger/people/person-label";

export function PersonAvatar({
  conversation,
  size = "md",
}: {
  conversation: { psid: string; name: string | null; avatar_url: string | null };
  size?: "sm" | "md";
}) {
  const box = size === "sm" ? "h-8 w-8 text-xs" : "h-10 w-10 text-sm";
  if (conversation.avatar_url) {
    // Decorative: the name is always written next to it.
    // eslint-disable-next-line @next/next/no-img-element -- our own authenticated route: next/image's optimizer would fetch it without the reader's cookie
    return (
      <img
        src={conversation.avatar_url}
        alt=""
        className={`${box} shrink-0 rounded-full object-cover`}
        data-testid="avatar"
      />
    );
  }
  const initials = conversation.name
    ? conversation.name
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 2)
        .map((part) => Array.from(part)[0])
        .join("")
        .toUpperCase()
    : "?";
  return (
    <span
      aria-hidden="true"
      title={personLabel(conversation)}
      className={`${box} inline-flex shrink-0 items-center justify-center rounded-full bg-slate-200 font-semibold text-slate-700`}
    >
      {initials}
    </span>
  );
}
