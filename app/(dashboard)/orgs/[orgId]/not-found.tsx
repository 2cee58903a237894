import { NotFoundMessage } from "@/components/ui/not-found-message";
import { cardClass } from "@/components/ui/styles";

// A missing page or integration inside an organization: the navigation stays, so the way back is one click. (An
// organization the person is not in gets the root 404 instead: the layout itself refuses it.)
export default function DashboardNotFound() {
  return <NotFoundMessage className={`${cardClass} p-8 text-center`} testId="dashboard-not-found" />;
}
