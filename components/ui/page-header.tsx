// The top of a page: its title (the page's only h1), a sentence about it (the children), and a way back where there
// is one.
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "./styles";

/** "← Integrations": back to the page this one was reached from. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className={buttonClass.link}>
      {`← ${label}`}
    </Link>
  );
}

export function PageHeader({
  title,
  back,
  icon,
  children,
}: {
  title: ReactNode;
  back?: { href: string; label: string };
  /** Shown before the title, in the h1 (a decorative type icon). */
  icon?: ReactNode;
  children?: ReactNode;
}) {
  const titleClass = `${back ? "mt-2 " : ""}${icon ? "flex items-center gap-3 " : ""}text-2xl font-semibold text-slate-900`;
  return (
    <div>
      {back && <BackLink {...back} />}
      <h1 className={titleClass}>
        {icon}
        {title}
      </h1>
      {children && <p className="mt-1 text-sm text-slate-700">{children}</p>}
    </div>
  );
}
