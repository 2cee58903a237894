"use client";

import { buttonClass, cardClass } from "@/components/ui/styles";

// A page of the dashboard failed while rendering: the navigation stays usable, and "Try again" renders it anew.
// The error's message is not shown: on the server it may carry internals (Next replaces it with a digest anyway).
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className={`${cardClass} p-8 text-center`} role="alert" data-testid="dashboard-error">
      <h1 className="text-2xl font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-slate-700">This page could not be shown. Try again in a moment.</p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-700">Reference: {error.digest}</p>}
      <button type="button" onClick={reset} className={`mt-6 ${buttonClass.primary}`}>
        Try again
      </button>
    </div>
  );
}
