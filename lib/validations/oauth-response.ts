// Response shapes of "Connect with …" (lib/oauth/): the authorization address, the Facebook Page picker, the Page chosen.
import { z } from "zod";
import { named } from "./api-schemas";

export const ZStartOAuthResponse = named(z.strictObject({ authorize_url: z.string() }), {
  id: "StartOAuthResponse",
  description: "The provider's sign-in address for the browser to open",
});
export type TStartOAuthResponse = z.infer<typeof ZStartOAuthResponse>;

export const ZFacebookPageChoices = named(
  z.strictObject({
    pages: z.array(z.strictObject({ id: z.string(), name: z.string() })),
    required_page_id: z.string().nullable(),
    is_reconnect: z.boolean(),
  }),
  {
    id: "FacebookPageChoices",
    description:
      "The Pages a Facebook sign-in manages (ids and names, never tokens); a reconnect must pick required_page_id",
  },
);
export type TFacebookPageChoices = z.infer<typeof ZFacebookPageChoices>;

export const ZFacebookPageConnected = named(z.strictObject({ integration_id: z.uuid(), path: z.string() }), {
  id: "FacebookPageConnected",
  description: "The new or reconnected integration, and the app page to show it on",
});
export type TFacebookPageConnected = z.infer<typeof ZFacebookPageConnected>;
