import Link from "next/link";
import { buttonClass, cardClass } from "@/components/ui/styles";

// A missing page or integration inside an organization: the navigation stays, so the way back is one click. (An
// organization the person is not in gets the root 404 instead: the layout itself refuses it.)
export default function DashboardNotFound() {
  return (
    <div className={`${cardClass} p-8 text-center`} data-testid="dashboard-not-found">
      <p className="text-sm font-semibold text-slate-700">404</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">This page could not be found</h1>
      <p className="mt-2 text-slate-700">It does not exist, or your account cannot see it.</p>
      <Link href="/" className={`mt-6 ${buttonClass.primary}`}>
        Go to your integrations
      </Link>
    </div>
  );
}
