"use client";

import { buttonClass } from "@/components/ui/styles";
import "./globals.css";

// Replaces Next's built-in last-resort error page (shown when the root layout itself fails), whose inline styles the
// Content-Security-Policy refuses. It has no layout around it, hence its own <html> and stylesheet.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <main id="main" className="flex min-h-screen items-center justify-center px-4">
          <div className="max-w-md text-center">
            <h1 className="text-2xl font-semibold">Something went wrong</h1>
            <p className="mt-2 text-slate-700">The page could not be shown. Try again in a moment.</p>
            <button type="button" onClick={reset} className={`mt-6 ${buttonClass.primary}`}>
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
