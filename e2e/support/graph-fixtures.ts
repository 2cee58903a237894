// The Facebook specs' fixtures: a fake Graph API on 127.0.0.1 (one per worker: every test makes its own Page and
// token on it), Pages on it with Meta's signed deliveries and the inbox at hand, and a person's thread on such a Page.
import { startFakeGraphServer, type FakeGraphServer } from "../../tests/helpers/fake-graph-server";
import { open, test as base } from "./fixtures";
import { createGraphPage, deliverSignedEntry, digits, personMessage } from "./meta";

type GraphShop = Awaited<ReturnType<typeof createGraphPage>> & {
  /** Meta's signed delivery of one entry of this Page (its `messaging` or `standby` events); expects Meta's 200. */
  deliver: (entry: Record<string, unknown>) => Promise<void>;
  /** Opens the integration's page (its inbox) in the test's browser page. */
  open: () => Promise<void>;
};

export const test = base.extend<
  {
    graphShop: (names: { integration: string; page: string }) => Promise<GraphShop>;
    inboxWithPerson: (hoursAgo: number, text: string) => Promise<GraphShop & { psid: string }>;
  },
  { graph: FakeGraphServer }
>({
  graph: [
    async ({}, provide) => {
      const graph = await startFakeGraphServer();
      await provide(graph);
      await graph.close();
    },
    { scope: "worker" },
  ],
  graphShop: async ({ page, api, orgId, playwright, graph }, provide) => {
    await provide(async (names) => {
      const shop = await createGraphPage(graph, api, orgId, names);
      return {
        ...shop,
        deliver: (entry) => deliverSignedEntry(playwright, orgId, shop, entry),
        open: () => open(page, `/orgs/${orgId}/integrations/${shop.integrationId}`),
      };
    });
  },
  // A Page where a person wrote `text` `hoursAgo` hours ago, its inbox opened.
  inboxWithPerson: async ({ graphShop }, provide) => {
    await provide(async (hoursAgo, text) => {
      const person = { ...(await graphShop({ integration: "Replies page", page: "Window Shop" })), psid: digits(16) };
      await person.deliver({
        messaging: [personMessage(person, person.psid, { text }, Date.now() - hoursAgo * 60 * 60 * 1000)],
      });
      await person.open();
      return person;
    });
  },
});
