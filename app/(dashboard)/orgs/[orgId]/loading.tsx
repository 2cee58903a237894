import { Skeleton } from "@/components/ui/skeleton";

// Shown inside the app shell while a dashboard page renders on the server (the integrations list reads the database).
export default function DashboardLoading() {
  return (
    <div className="space-y-4" aria-busy="true" data-testid="page-loading">
      <p role="status" className="sr-only">
        Loading…
      </p>
      <Skeleton className="h-8 w-56 max-w-full" />
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
