// What the JSON API answers, as the UI reads it (the server's serializers are the source of truth).
import type { TIntegrationType } from "@/lib/validations/integration-config";

export type TRole = "owner" | "admin" | "viewer";

export type TIntegrationListItem = {
  id: string;
  org_id: string;
  integration_type: TIntegrationType;
  name: string;
  is_active: boolean;
  api_base_url: string | null;
  webhook_url: string | null;
  created_at: string;
  updated_at: string;
};

export type TIntegrationDetail = TIntegrationListItem & {
  webhook_verify_token: string | null;
  api_key: string | null;
  api_secret: string | null;
  access_token: string | null;
  refresh_token: string | null;
  token_expires_at: string | null;
  config: Record<string, unknown>;
  status?: {
    needs_reauth: boolean;
    last_checked_at: string | null;
    last_check_ok: boolean | null;
    last_check_error: string | null;
  } & Record<string, unknown>;
};

export type TApiKey = {
  id: string;
  org_id: string;
  name: string;
  role: TRole;
  prefix: string;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
};

export type TOrgMembership = { id: string; name: string; role: TRole };
