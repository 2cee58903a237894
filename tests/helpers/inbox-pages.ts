// What the inbox test files do with their org and fake Graph server: connect Pages to it and deliver signed events
// that Meta is told 200 for.
import type { FacebookFixture } from "./fake-meta-webhook";
import { deliverAccepted } from "./fake-meta-webhook";
import { connectedPage } from "./messenger-replies";
import { withOrgAndFakeGraph, type OrgWithFakeGraph } from "./org-with-fake-graph";

/** withOrgAndFakeGraph, plus `page` (a Page connected to the fake Graph server) and `deliver` (accepted events). */
export function withInboxPages(ready?: (setup: OrgWithFakeGraph) => void) {
  let setup: OrgWithFakeGraph;
  withOrgAndFakeGraph((created) => {
    setup = created;
    ready?.(created);
  });
  return {
    page: (options?: { isActive?: boolean }) => connectedPage(setup.org, setup.graph, options),
    deliver: (fb: FacebookFixture, events: Record<string, unknown>[]) => deliverAccepted(setup.org, fb, events),
  };
}
