"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useOrg } from "@/components/app-shell/org-context";
import { FacebookPanels } from "@/components/messenger/facebook-panels";
import { ReconnectPanel } from "@/components/oauth/reconnect-panel";
import { DismissibleMessage, type TPageMessage } from "@/components/ui/dismissible-message";
import { Notice } from "@/components/ui/notice";
import { BackLink } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { apiPost, ApiError } from "@/lib/ui/api-client";
import type { TIntegrationDetail } from "@/lib/validations/integration-response";
import { fullDate } from "@/lib/ui/format";
import { providerOf } from "@/lib/providers/registry";
import { toUpdateBody } from "@/lib/ui/integration-form-schema";
import { queryKeys } from "@/lib/ui/query-keys";
import { isOAuthIntegrationType, type TOAuthIntegrationType } from "@/lib/oauth/oauth-providers";
import { oauthErrorMessage } from "@/lib/oauth/oauth-messages";
import { ActiveSwitch } from "./active-switch";
import { ConnectionCard } from "./connection-card";
import { DeleteIntegrationDialog } from "./delete-integration-dialog";
import { IntegrationForm } from "./integration-form";
import { ActiveBadge } from "./active-badge";
import { TypeIcon } from "./type-icon";
import { useIntegration, useToggleIntegration } from "./use-integrations";

/** Reconnect (lib/oauth/): the providers the server has an OAuth app for, and how the last sign-in ended. */
type OAuthProps = { types: TOAuthIntegrationType[]; isJustReconnected: boolean; error: string | null };

function initialMessage(isJustCreated: boolean, oauth?: OAuthProps): TPageMessage | null {
  const oauthError = oauthErrorMessage(oauth?.error);
  if (oauthError) return { tone: "error", text: `Not reconnected: ${oauthError}` };
  if (oauth?.isJustReconnected)
    return { tone: "success", text: "Reconnected: the new tokens are stored and the last error is cleared." };
  return isJustCreated ? { tone: "success", text: "Integration created." } : null;
}

export function IntegrationDetailView({
  id,
  isJustCreated,
  oauth,
}: {
  id: string;
  isJustCreated: boolean;
  oauth?: OAuthProps;
}) {
  const { orgId, canWrite, role } = useOrg();
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useIntegration(id);
  const [message, setMessage] = useState<TPageMessage | null>(() => initialMessage(isJustCreated, oauth));
  const [formVersion, setFormVersion] = useState(0);
  const [isDeleting, setIsDeleting] = useState(false);
  const toggle = useToggleIntegration(orgId, {
    onRefused: (text) => setMessage({ tone: "error", text }),
    onDone: (text) => setMessage({ tone: "success", text }),
  });
  const listHref = `/orgs/${orgId}/integrations`;

  if (query.isPending) {
    return (
      <div className="space-y-4" aria-busy="true">
        <p role="status" className="sr-only">
          Loading integration…
        </p>
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (query.isError) {
    const isMissing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div data-testid="detail-error">
        <Notice
          tone="error"
          title={isMissing ? "Integration not found" : "The integration could not be loaded"}
          action={
            isMissing ? (
              <Link href={listHref} className={buttonClass.secondary}>
                Back to integrations
              </Link>
            ) : (
              <button type="button" className={buttonClass.secondary} onClick={() => query.refetch()}>
                Retry
              </button>
            )
          }
        >
          {query.error.message}
        </Notice>
      </div>
    );
  }

  const integration = query.data;
  const kind = providerOf(integration.integration_type);
  const type = integration.integration_type;
  const reconnectType = canWrite && isOAuthIntegrationType(type) && oauth?.types.includes(type) ? type : null;
  return (
    <div className="space-y-6">
      <div>
        <BackLink href={listHref} label="Integrations" />
        <div className="mt-2 flex flex-wrap items-center justify-between gap-4">
          <h1 className="flex items-center gap-3 text-2xl font-semibold text-slate-900">
            <TypeIcon type={integration.integration_type} size="lg" />
            <span>
              {integration.name}
              <span className="block text-sm font-normal text-slate-700">{kind.label}</span>
            </span>
          </h1>
          <div className="flex items-center gap-3">
            {canWrite && (
              <ActiveSwitch
                isActive={integration.is_active}
                label={`Active: ${integration.name}`}
                onChange={(active) => toggle.mutate({ integration, active })}
              />
            )}
            <ActiveBadge isActive={integration.is_active} />
            {canWrite && (
              <button
                type="button"
                className={`${buttonClass.secondary} text-red-800`}
                onClick={() => setIsDeleting(true)}
              >
                Delete
              </button>
            )}
          </div>
        </div>
      </div>

      <DismissibleMessage message={message} testId="detail-message" onDismiss={() => setMessage(null)} />

      {reconnectType && (
        <ReconnectPanel
          orgId={orgId}
          type={reconnectType}
          integrationId={integration.id}
          needsReauth={integration.status?.needs_reauth ?? false}
        />
      )}

      {kind.hasMessengerInbox ? (
        <FacebookPanels integration={integration} isJustCreated={isJustCreated} />
      ) : (
        kind.hasConnectionCheck && <ConnectionCard integration={integration} />
      )}

      <section aria-labelledby="edit-heading" id="edit" className={`${cardClass} scroll-mt-6 p-6`}>
        <h2 id="edit-heading" className="text-lg font-semibold text-slate-900">
          Settings
        </h2>
        <p className="mt-1 mb-5 text-sm text-slate-700">
          {canWrite
            ? "Stored secrets stay hidden; choose Replace to change one."
            : `Read-only: your role (${role}) cannot change integrations.`}{" "}
          Created {fullDate(integration.created_at)}, last updated {fullDate(integration.updated_at)}.
        </p>
        <IntegrationForm
          key={formVersion}
          type={integration.integration_type}
          mode="edit"
          detail={integration}
          isReadOnly={!canWrite}
          submitLabel="Save changes"
          onSubmit={async (values) => {
            const { integration: updated } = await apiPost<{ integration: TIntegrationDetail }>(
              "/update-organization-integration",
              toUpdateBody(integration.integration_type, integration, values),
            );
            queryClient.setQueryData(queryKeys.integration(id), updated);
            await queryClient.invalidateQueries({ queryKey: queryKeys.integrations(orgId) });
            setFormVersion((v) => v + 1);
            setMessage({ tone: "success", text: "Changes saved." });
          }}
        />
      </section>

      <DeleteIntegrationDialog
        orgId={orgId}
        integration={isDeleting ? integration : null}
        onClose={() => setIsDeleting(false)}
        onDeleted={() => router.push(listHref)}
      />
    </div>
  );
}
