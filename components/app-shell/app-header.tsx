"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { buttonClass, focusRing } from "@/components/ui/styles";
import { AttentionBadge } from "./attention-badge";
import { useOrg } from "./org-context";
import { OrgSwitcher } from "./org-switcher";

export function AppHeader({ email }: { email: string }) {
  const { orgId, role, canWrite } = useOrg();
  const pathname = usePathname();
  const links = [
    { href: `/orgs/${orgId}/integrations`, label: "Integrations" },
    ...(canWrite ? [{ href: `/orgs/${orgId}/api-keys`, label: "API keys" }] : []),
    { href: `/orgs/${orgId}/members`, label: "Members" },
    { href: `/orgs/${orgId}/account`, label: "Account" },
    ...(canWrite ? [{ href: `/orgs/${orgId}/audit`, label: "Audit log" }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className={`sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 ${focusRing}`}
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <div className="flex flex-wrap items-center gap-6">
          <Link
            href={`/orgs/${orgId}/integrations`}
            className={`rounded text-base font-semibold text-slate-900 ${focusRing}`}
          >
            Org Integrations
          </Link>
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-1">
              {links.map((link) => {
                const isCurrent = pathname.startsWith(link.href);
                return (
                  <li key={link.href}>
                    <Link
                      href={link.href}
                      aria-current={isCurrent ? "page" : undefined}
                      className={`rounded-md px-3 py-2 text-sm font-medium ${focusRing} ${
                        isCurrent ? "bg-slate-100 text-slate-900" : "text-slate-700 hover:bg-slate-100"
                      }`}
                    >
                      {link.label}
                    </Link>
                  </li>
                );
              })}
              <li>
                {/* A full page load, not a client-side navigation: the reference gets its own page policy (proxy.ts). */}
                <a
                  href="/docs/api"
                  className={`block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 ${focusRing}`}
                >
                  API reference
                </a>
              </li>
            </ul>
          </nav>
          <AttentionBadge />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <OrgSwitcher />
          <span className="min-w-0 text-sm break-all text-slate-700">
            {email}{" "}
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-800">{role}</span>
          </span>
          <button type="button" className={buttonClass.secondary} onClick={() => signOut({ callbackUrl: "/signin" })}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
