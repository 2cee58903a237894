"use client";

// After "Connect with Facebook": choose the Page to connect. The list comes from the sign-in (ids and names only);
// the chosen Page's token is stored on the server, and the Page subscribed.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useOrg } from "@/components/app-shell/org-context";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { buttonClass, cardClass, focusRing } from "@/components/ui/styles";
import { apiFetchForOrg, apiPost } from "@/lib/ui/api-client";
import { queryKeys } from "@/lib/ui/query-keys";
import type { TFacebookPageChoices, TFacebookPageConnected } from "@/lib/validations/oauth-response";

export function FacebookPagePicker({ pick }: { pick: string }) {
  const { orgId } = useOrg();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ["facebook-pages", pick],
    queryFn: () => apiFetchForOrg<TFacebookPageChoices>("/organization-oauth/facebook-pages", orgId, { pick }),
    retry: false,
    staleTime: Infinity,
  });
  const backHref = `/orgs/${orgId}/integrations/new?type=facebook`;

  if (query.isPending)
    return (
      <div aria-busy="true">
        <p role="status" className="sr-only">
          Loading your Pages…
        </p>
        <Skeleton className="h-40 w-full" />
      </div>
    );
  if (query.isError) {
    return (
      <Notice
        tone="error"
        title="Not connected"
        testId="oauth-error"
        action={
          <Link href={backHref} className={buttonClass.secondary}>
            Start again
          </Link>
        }
      >
        {query.error.message}
      </Notice>
    );
  }
  const { pages, required_page_id: requiredPageId, is_reconnect: isReconnect } = query.data;
  const selected = chosen ?? requiredPageId;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        back={{ href: backHref, label: "Back" }}
        title={isReconnect ? "Reconnect the Facebook Page" : "Choose the Facebook Page"}
      >
        {isReconnect
          ? "Confirm the Page this integration serves; its new token replaces the old one."
          : "Messages sent to this Page will appear in the integration's inbox."}
      </PageHeader>
      {pages.length === 0 ? (
        <Notice tone="error" testId="oauth-error" title="No Page">
          This Facebook account manages no Page this app may use.
        </Notice>
      ) : (
        <form
          aria-label="Choose a Facebook Page"
          className={`${cardClass} space-y-4 p-6`}
          onSubmit={async (event) => {
            event.preventDefault();
            if (!selected) return setError("Choose a Page.");
            setIsSaving(true);
            setError(null);
            try {
              const { path, integration_id: id } = await apiPost<TFacebookPageConnected>(
                "/organization-oauth/facebook-page",
                { org_id: orgId, pick, page_id: selected },
              );
              await queryClient.invalidateQueries({ queryKey: queryKeys.integration(id) });
              await queryClient.invalidateQueries({ queryKey: queryKeys.integrations(orgId) });
              router.push(path);
            } catch (failure) {
              setError((failure as Error).message);
              setIsSaving(false);
            }
          }}
        >
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Pages you manage</legend>
            <ul className="mt-2 space-y-2">
              {pages.map((page) => {
                const isDisabled = requiredPageId !== null && page.id !== requiredPageId;
                return (
                  <li key={page.id}>
                    <label
                      className={`flex items-center gap-3 rounded-md border border-slate-200 px-3 py-2 text-sm ${isDisabled ? "opacity-60" : "hover:bg-slate-50"}`}
                    >
                      <input
                        type="radio"
                        name="page"
                        value={page.id}
                        className={focusRing}
                        checked={selected === page.id}
                        disabled={isDisabled}
                        onChange={() => setChosen(page.id)}
                      />
                      <span className="font-medium text-slate-900">{page.name}</span>
                      <span className="text-slate-600">Page ID {page.id}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          {error && (
            <Notice tone="error" testId="oauth-error">
              {error}
            </Notice>
          )}
          <button type="submit" className={buttonClass.primary} disabled={isSaving}>
            {isSaving ? "Connecting…" : isReconnect ? "Reconnect this Page" : "Connect this Page"}
          </button>
        </form>
      )}
    </div>
  );
}
