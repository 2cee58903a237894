"use client";

import { CopyField } from "@/components/ui/copy-field";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/styles";

const LINKS = {
  invite: { testId: "invite-link", label: "Invite link", lifetime: "7 days" },
  reset: { testId: "reset-link", label: "Password-reset link", lifetime: "24 hours" },
};

export type TOneTimeLink = { kind: keyof typeof LINKS; email: string; url: string };

/** A link shown once (invite, password reset): only its hash is stored, so it cannot be shown again. */
export function OneTimeLink({ link, onHide }: { link: TOneTimeLink; onHide: () => void }) {
  const { testId, label, lifetime } = LINKS[link.kind];
  return (
    <div className="space-y-3" data-testid={testId}>
      <Notice tone="success" title={`${label} for ${link.email}`}>
        {`Send it to them: it works once, for ${lifetime}. It is not shown again.`}
      </Notice>
      <CopyField id={`${testId}-url`} label={label} value={link.url} />
      <button type="button" className={buttonClass.link} onClick={onHide}>
        I have sent it — hide the link
      </button>
    </div>
  );
}
