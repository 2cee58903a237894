// The words of a 404, shared by the root page and the one inside an organization's navigation.
import Link from "next/link";
import { buttonClass } from "./styles";

export function NotFoundMessage({ className, testId }: { className: string; testId?: string }) {
  return (
    <div className={className} data-testid={testId}>
      <p className="text-sm font-semibold text-slate-700">404</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">This page could not be found</h1>
      <p className="mt-2 text-slate-700">It does not exist, or your account cannot see it.</p>
      <Link href="/" className={`mt-6 ${buttonClass.primary}`}>
        Go to your integrations
      </Link>
    </div>
  );
}
