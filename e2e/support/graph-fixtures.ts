// The Facebook specs' fixtures: a fake Graph API on 127.0.0.1 (one per worker: every test makes its own Page and
// token on it), and a person's thread on such a Page, opened in the inbox.
import { startFakeGraphServer, type FakeGraphServer } from "../../tests/helpers/fake-graph-server";
import { open, test as base } from "./fixtures";
import { createGraphPage, deliverSigned, digits, personMessage } from "./meta";

type GraphPageWithPerson = Awaited<ReturnType<typeof createGraphPage>> & { psid: string };

export const test = base.extend<
  { inboxWithPerson: (hoursAgo: number, text: string) => Promise<GraphPageWithPerson> },
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
  // A Page on the fake Graph API where a person wrote `text` `hoursAgo` hours ago; its inbox is then opened.
  inboxWithPerson: async ({ page, api, orgId, playwright, graph }, provide) => {
    await provide(async (hoursAgo, text) => {
      const shop = await createGraphPage(graph, api, orgId, { integration: "Replies page", page: "Window Shop" });
      const person = { ...shop, psid: digits(16) };
      await deliverSigned(playwright, orgId, person, [
        personMessage(person, person.psid, { text }, Date.now() - hoursAgo * 60 * 60 * 1000),
      ]);
      await open(page, `/orgs/${orgId}/integrations/${person.integrationId}`);
      return person;
    });
  },
});
