import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Not found" };

// Replaces Next's built-in 404 page, whose inline <style> and style attributes the Content-Security-Policy refuses.
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-slate-700">404</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">This page could not be found</h1>
        <p className="mt-2 text-slate-700">It does not exist, or your account cannot see it.</p>
        <Link href="/" className={`mt-6 ${buttonClass.primary}`}>
          Go to your integrations
        </Link>
      </div>
    </main>
  );
}
