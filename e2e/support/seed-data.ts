// Who exists in the e2e database (created by global-setup through the project's own commands).
export const PASSWORD = "correct horse battery staple";

export const USERS = {
  owner: "owner@e2e.test",
  admin: "admin@e2e.test",
  viewer: "viewer@e2e.test",
  // Signs in and out in auth.spec.ts: signing out ends all of a person's sessions, so not the owner's saved one.
  signOut: "sign-out@e2e.test",
} as const;

export const STATE_DIR = "test-results/e2e-auth";
