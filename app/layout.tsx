import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Org Integrations", template: "%s · Org Integrations" },
  description: "Manage your organization's third-party integrations",
};

// Every page is rendered per request: that is when proxy.ts's nonce exists for Next to put on its scripts. A page
// prerendered at build time (the 404 page would be) carries no nonce, and the page's policy would refuse its scripts.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
