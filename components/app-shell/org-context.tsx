"use client";

// The organization in the URL and the signed-in person's role in it, read once by the server layout.
import { createContext, useContext, type ReactNode } from "react";
import type { TOrgMembership, TRole } from "@/lib/validations/api-key-response";

export type OrgContextValue = {
  orgId: string;
  orgName: string;
  role: TRole;
  canWrite: boolean;
  organizations: TOrgMembership[];
};

const OrgContext = createContext<OrgContextValue | null>(null);

export function OrgProvider({ value, children }: { value: OrgContextValue; children: ReactNode }) {
  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

export function useOrg(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error("useOrg() outside an organization page");
  return value;
}
