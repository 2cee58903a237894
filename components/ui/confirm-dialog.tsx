"use client";

// An accessible confirmation on the native <dialog>: modal (the page behind is inert), focus moves in and
// returns to the opener, Escape cancels.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { buttonClass } from "./styles";

export function ConfirmDialog({
  isOpen,
  title,
  children,
  confirmLabel,
  isPending,
  error,
  onConfirm,
  onClose,
}: {
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isPending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="p-6">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <div id={bodyId} className="mt-2 text-sm text-slate-700">
          {children}
        </div>
        {error && (
          <p
            data-testid="dialog-error"
            className="mt-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
          >
            {error}
          </p>
        )}
        <div className="mt-6 flex justify-end gap-3">
          {/* First focusable element: Enter on a freshly opened dialog must not destroy anything. */}
          <button type="button" className={buttonClass.secondary} onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className={buttonClass.danger} onClick={onConfirm} disabled={isPending}>
            {isPending ? "Deleting…" : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}

type TDialogMutation = { isPending: boolean; error: Error | null; reset: () => void };

/** The props of a dialog that runs `mutation`: pending and failed as it is; closing forgets its error. */
export const mutationDialogProps = (mutation: TDialogMutation, close: () => void) => ({
  isPending: mutation.isPending,
  error: mutation.error?.message,
  onClose: () => {
    mutation.reset();
    close();
  },
});
