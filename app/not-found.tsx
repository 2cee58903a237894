import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/ui/not-found-message";

export const metadata: Metadata = { title: "Not found" };

// Replaces Next's built-in 404 page, whose inline <style> and style attributes the Content-Security-Policy refuses.
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <NotFoundMessage className="max-w-md text-center" />
    </main>
  );
}
