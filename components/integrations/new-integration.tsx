"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useOrg } from "@/components/app-shell/org-context";
import { ConnectPanel } from "@/components/oauth/connect-panel";
import { OAuthErrorNotice } from "@/components/oauth/oauth-error-notice";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass, cardClass, focusRing } from "@/components/ui/styles";
import { apiPost } from "@/lib/ui/api-client";
import type { TIntegrationDetail } from "@/lib/validations/integration-response";
import { toCreateBody } from "@/lib/ui/integration-form-schema";
import { isOAuthIntegrationType, type TOAuthIntegrationType } from "@/lib/oauth/oauth-providers";
import { queryKeys } from "@/lib/ui/query-keys";
import type { TIntegrationType } from "@/lib/providers/integration-types";
import { PROVIDER_LIST, PROVIDERS } from "@/lib/providers/registry";
import { IntegrationForm } from "./integration-form";
import { TypeIcon } from "./type-icon";

type Props = {
  initialType: TIntegrationType | null;
  /** Providers the server has an OAuth app for: their form starts with "Connect with …". */
  oauthTypes?: TOAuthIntegrationType[];
  /** Why the last "Connect" came back unconnected (the callback's code). */
  oauthError?: string | null;
};

export function NewIntegration({ initialType, oauthTypes = [], oauthError = null }: Props) {
  const { orgId, canWrite, role } = useOrg();
  const router = useRouter();
  const queryClient = useQueryClient();
  const listHref = `/orgs/${orgId}/integrations`;

  if (!canWrite) {
    return (
      <Notice tone="info" title="Read-only access">
        Your role ({role}) can view integrations but not add them.{" "}
        <Link href={listHref} className={buttonClass.link}>
          Back to integrations
        </Link>
      </Notice>
    );
  }

  if (!initialType) {
    return (
      <div className="space-y-6">
        <PageHeader back={{ href: listHref, label: "Integrations" }} title="Add an integration">
          Choose the service to connect.
        </PageHeader>
        <OAuthErrorNotice code={oauthError} />
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {PROVIDER_LIST.map((kind) => (
            <li key={kind.type}>
              <Link
                href={`/orgs/${orgId}/integrations/new?type=${kind.type}`}
                className={`${cardClass} flex h-full gap-4 p-5 hover:border-blue-400 hover:bg-blue-50/40 ${focusRing}`}
              >
                <TypeIcon type={kind.type} size="lg" />
                <span>
                  <span className="block font-semibold text-slate-900">{kind.label}</span>
                  <span className="mt-1 block text-sm text-slate-700">{kind.description}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  const kind = PROVIDERS[initialType];
  const oauthType = isOAuthIntegrationType(initialType) && oauthTypes.includes(initialType) ? initialType : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        back={{ href: `/orgs/${orgId}/integrations/new`, label: "Choose another type" }}
        icon={<TypeIcon type={initialType} size="lg" />}
        title={`New ${kind.label} integration`}
      >
        {kind.description}
      </PageHeader>
      <OAuthErrorNotice code={oauthError} />
      {oauthType && <ConnectPanel orgId={orgId} type={oauthType} />}
      <div className={`${cardClass} p-6`}>
        {oauthType && <h2 className="mb-4 text-lg font-semibold text-slate-900">Or enter the credentials yourself</h2>}
        <IntegrationForm
          type={initialType}
          mode="create"
          submitLabel="Create integration"
          onCancel={() => router.push(listHref)}
          onSubmit={async (values) => {
            const { integration } = await apiPost<{ integration: TIntegrationDetail }>(
              "/create-organization-integration",
              toCreateBody(initialType, orgId, values),
            );
            queryClient.setQueryData(queryKeys.integration(integration.id), integration);
            await queryClient.invalidateQueries({ queryKey: queryKeys.integrations(orgId) });
            router.push(`/orgs/${orgId}/integrations/${integration.id}?created=1`);
          }}
        />
      </div>
    </div>
  );
}
