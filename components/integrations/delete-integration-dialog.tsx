"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useDeleteIntegration } from "./use-integrations";

/** Asks before deleting, naming the integration; reports a refusal inside the dialog. */
export function DeleteIntegrationDialog({
  orgId,
  integration,
  onClose,
  onDeleted,
}: {
  orgId: string;
  integration: { id: string; name: string } | null;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  const deletion = useDeleteIntegration(orgId);
  const close = () => {
    deletion.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      isOpen={integration !== null}
      title={integration ? `Delete “${integration.name}”?` : "Delete integration?"}
      confirmLabel="Delete integration"
      isPending={deletion.isPending}
      error={deletion.error ? (deletion.error as Error).message : null}
      onClose={close}
      onConfirm={() =>
        integration &&
        deletion.mutate(integration.id, {
          onSuccess: () => {
            deletion.reset();
            onDeleted(integration.name);
          },
        })
      }
    >
      <p>
        The integration <strong>{integration?.name}</strong>, its credentials and settings are removed permanently.
        Services using it stop working. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
