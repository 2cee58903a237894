import { notFound } from "next/navigation";

// Any other address inside an organization: its 404 (not-found.tsx beside the layout) keeps the navigation.
export default function MissingDashboardPage() {
  notFound();
}
