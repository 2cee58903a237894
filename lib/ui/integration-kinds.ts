// How each integration type presents itself: its name, a short description and the colours of its badge.
import type { TIntegrationType } from "@/lib/validations/integration-config";

export type IntegrationKind = {
  type: TIntegrationType;
  label: string;
  monogram: string;
  description: string;
  badgeClass: string;
};

export const INTEGRATION_KINDS: Record<TIntegrationType, IntegrationKind> = {
  facebook: {
    type: "facebook",
    label: "Facebook Messenger",
    monogram: "f",
    description: "Receive and answer messages sent to your Facebook Page.",
    badgeClass: "bg-blue-600 text-white",
  },
  hubspot: {
    type: "hubspot",
    label: "HubSpot",
    monogram: "HS",
    description: "Sync contacts and deals with a HubSpot portal through a private app.",
    badgeClass: "bg-orange-700 text-white",
  },
  salesforce: {
    type: "salesforce",
    label: "Salesforce",
    monogram: "SF",
    description: "Connect a Salesforce org through a connected app (OAuth refresh token).",
    badgeClass: "bg-sky-700 text-white",
  },
  odoo_crm: {
    type: "odoo_crm",
    label: "Odoo CRM",
    monogram: "O",
    description: "Connect an Odoo database with a user's API key (XML-RPC).",
    badgeClass: "bg-purple-700 text-white",
  },
  other: {
    type: "other",
    label: "Other",
    monogram: "…",
    description: "Any other service: base URL, credentials and free-form JSON settings.",
    badgeClass: "bg-slate-600 text-white",
  },
};

export const KIND_LIST = Object.values(INTEGRATION_KINDS);
