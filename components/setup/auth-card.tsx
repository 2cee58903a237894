// The centred card the pages without an organization use (sign-in, setup, invite, password reset).
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/styles";

export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-8">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {intro && <div className="mt-1 text-sm text-slate-700">{intro}</div>}
        {children}
      </div>
    </main>
  );
}

/** A one-time link (invite, password reset) that was used up, withdrawn or has expired. */
export function UsedUpLinkCard({ title, intro }: { title: string; intro: string }) {
  return (
    <AuthCard title={title} intro={intro}>
      <Link href="/signin" className={`${buttonClass.secondary} mt-6 w-full`}>
        Go to sign-in
      </Link>
    </AuthCard>
  );
}
