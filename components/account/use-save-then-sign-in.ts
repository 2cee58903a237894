"use client";

// Forms that set a password (setup, invite, reset) save it, then sign in with it so the person lands signed in.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signInWithPassword } from "@/lib/ui/password-form";

/** Where to go once saved: `signedIn` after signing in, `signedOut` when signing in did not work. */
export type TSignInAfterSave = { email: string; password: string; signedIn: string; signedOut: string };

export function useSaveThenSignIn() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);

  async function saveThenSignIn(save: () => Promise<TSignInAfterSave>) {
    setFormError(null);
    try {
      const next = await save();
      router.replace((await signInWithPassword(next.email, next.password)) ? next.signedIn : next.signedOut);
      router.refresh();
    } catch (error) {
      setFormError((error as Error).message);
    }
  }

  return { formError, saveThenSignIn };
}

/** A new member lands on their organization's integrations; signed out, the sign-in page brings them there. */
export function orgLanding(orgId: string): Pick<TSignInAfterSave, "signedIn" | "signedOut"> {
  const target = `/orgs/${orgId}/integrations`;
  return { signedIn: target, signedOut: `/signin?callbackUrl=${encodeURIComponent(target)}` };
}
