// Any other service: nothing to call, so no check and no refresh.
import type { ProviderServer } from "../provider-server";

export const otherServer = {} satisfies ProviderServer;
