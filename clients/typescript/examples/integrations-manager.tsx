// The guide's React example (IntegrationsManager), rewritten on the typed client: same screen, same actions, but
// every response is typed, and errors show the API's own sentence instead of a generic one.
//
//   const client = createIntegrationsClient({ baseUrl: "https://integrations.example.com", apiKey: "oik_…" });
//   <IntegrationsManager client={client} orgId="3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b" />
import { useEffect, useState } from "react";
import type { IntegrationListItem, IntegrationsClient } from "../src/index.js";

type Props = { client: IntegrationsClient; orgId: string };

export function IntegrationsManager({ client, orgId }: Props) {
  const [integrations, setIntegrations] = useState<IntegrationListItem[]>([]);
  // Which organization the list was loaded for: loading until it is this one.
  const [loadedOrgId, setLoadedOrgId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loading = loadedOrgId !== orgId;

  // Fetch integrations on mount and whenever the organization changes.
  useEffect(() => {
    let isCurrent = true;
    void client.getIntegrations(orgId).then((result) => {
      if (!isCurrent) return;
      if (result.error) setError(`Failed to fetch integrations: ${result.error.error}`);
      else {
        setIntegrations(result.data.integrations);
        setError(null);
      }
      setLoadedOrgId(orgId);
    });
    return () => {
      isCurrent = false;
    };
  }, [client, orgId]);

  const handleToggleIntegration = async (integrationId: string, isActive: boolean) => {
    const result = await client.toggleIntegration(integrationId, !isActive);
    if (result.error) return setError(`Failed to toggle integration: ${result.error.error}`);
    // The server's answer is the integration as it now is.
    const updated = result.data.integration;
    setIntegrations((current) =>
      current.map((integration) =>
        integration.id === updated.id ? { ...integration, is_active: updated.is_active } : integration,
      ),
    );
  };

  const handleDeleteIntegration = async (integrationId: string) => {
    if (!window.confirm("Are you sure you want to delete this integration?")) return;
    const result = await client.deleteIntegration(integrationId);
    if (result.error) return setError(`Failed to delete integration: ${result.error.error}`);
    setIntegrations((current) => current.filter((integration) => integration.id !== integrationId));
  };

  if (loading) return <div>Loading integrations...</div>;
  if (error)
    return (
      <div className="error" role="alert">
        {error}
      </div>
    );

  return (
    <div className="integrations-container">
      <h2>Organization Integrations</h2>
      {integrations.length === 0 ? (
        <p>No integrations found. Create one to get started.</p>
      ) : (
        <ul className="integrations-list">
          {integrations.map((integration) => (
            <li key={integration.id} className="integration-item" data-id={integration.id}>
              <div className="integration-header">
                <h3>{integration.name}</h3>
                <span className={`status ${integration.is_active ? "active" : "inactive"}`}>
                  {integration.is_active ? "Active" : "Inactive"}
                </span>
              </div>
              <div className="integration-details">
                <p>Type: {integration.integration_type}</p>
                {integration.webhook_url && <p>Webhook URL: {integration.webhook_url}</p>}
              </div>
              <div className="integration-actions">
                <button
                  type="button"
                  onClick={() => void handleToggleIntegration(integration.id, integration.is_active)}
                  className="toggle-btn"
                >
                  {integration.is_active ? "Deactivate" : "Activate"}
                </button>
                <button
                  type="button"
                  onClick={() => void handleDeleteIntegration(integration.id)}
                  className="delete-btn"
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="add-integration-btn">
        Add New Integration
      </button>
    </div>
  );
}

export default IntegrationsManager;
