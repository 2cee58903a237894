// The pages behind one-time links (invite, password reset) are opened with whatever a visitor puts in the address:
// a token that is not even valid percent-encoding must show the "link does not work" card, never an error page.
import { isValidElement } from "react";
import { describe, expect, it } from "vitest";
import { UsedUpLinkCard } from "@/components/setup/auth-card";
import InvitePage from "@/app/(auth)/invite/[token]/page";
import ResetPasswordPage from "@/app/(auth)/reset-password/[token]/page";

const open = (page: typeof InvitePage, token: string) => page({ params: Promise.resolve({ token }) });

describe("one-time link pages", () => {
  for (const [name, page] of [
    ["invite", InvitePage],
    ["password reset", ResetPasswordPage],
  ] as const) {
    it(`shows the used-up card for a malformed or unknown ${name} token`, async () => {
      for (const token of ["%E0%A4%A", "%", "inv_" + "a".repeat(43), "not-a-token"]) {
        const shown = await open(page, token);
        expect(isValidElement(shown) && shown.type).toBe(UsedUpLinkCard);
      }
    });
  }
});
