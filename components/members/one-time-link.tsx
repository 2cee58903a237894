"use client";

import { CopyField } from "@/components/ui/copy-field";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/styles";

/** A link shown once (invite, password reset): only its hash is stored, so it cannot be shown again. */
export function OneTimeLink({
  title,
  text,
  label,
  url,
  testId,
  onHide,
}: {
  title: string;
  text: string;
  label: string;
  url: string;
  testId: string;
  onHide: () => void;
}) {
  return (
    <div className="space-y-3" data-testid={testId}>
      <Notice tone="success" title={title}>
        {text}
      </Notice>
      <CopyField id={`${testId}-url`} label={label} value={url} />
      <button type="button" className={buttonClass.link} onClick={onHide}>
        I have sent it — hide the link
      </button>
    </div>
  );
}
