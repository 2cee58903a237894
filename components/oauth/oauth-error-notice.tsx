// Why the last "Connect" / "Reconnect" came back without connecting: the callback's code as a sentence.
import { Notice } from "@/components/ui/notice";
import { oauthErrorMessage } from "@/lib/oauth/oauth-messages";

export function OAuthErrorNotice({ code }: { code: string | null }) {
  const message = oauthErrorMessage(code);
  if (!message) return null;
  return (
    <Notice tone="error" title="Not connected" testId="oauth-error">
      {message}
    </Notice>
  );
}
