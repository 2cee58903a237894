// Stored secrets are write-only: no response ever shows them. Pointing an integration at another host and then
// pressing "Test connection" would send them there, so whoever changes where the credentials go must enter them again.
import { badRequest } from "@/lib/errors";
import type { Integration } from "@/lib/generated/prisma/client";
import { SECRET_MASK, type TUpdateIntegration } from "@/lib/validations/integration";

const instanceUrlOf = (config: unknown) => (config as { instance_url?: string } | null)?.instance_url ?? null;

export function assertCredentialsFollowDestination(
  current: Integration,
  input: TUpdateIntegration,
  nextConfig: Record<string, unknown> | undefined,
) {
  const movedApiBase = input.api_base_url !== undefined && input.api_base_url !== current.apiBaseUrl;
  // Salesforce sends its token to the instance the org lives on, which is kept in config.
  const movedInstance = nextConfig !== undefined && instanceUrlOf(nextConfig) !== instanceUrlOf(current.config);
  if (!movedApiBase && !movedInstance) return;
  const storedAndKept = (
    [
      ["api_secret", current.apiSecret, input.api_secret],
      ["access_token", current.accessToken, input.access_token],
      ["refresh_token", current.refreshToken, input.refresh_token],
    ] as const
  )
    .filter(([, stored, incoming]) => stored && (incoming === undefined || incoming === SECRET_MASK))
    .map(([field]) => field);
  if (storedAndKept.length) {
    // "<field>: …" like every validation error, so forms show it beside the field that was changed.
    const destination = movedApiBase ? "api_base_url" : "config.instance_url";
    throw badRequest(
      `${destination}: changing it changes where the stored credentials are sent, so enter ${storedAndKept.join(", ")} again (or clear them)`,
    );
  }
}
