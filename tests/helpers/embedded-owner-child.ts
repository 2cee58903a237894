// A process that wants the embedded database of a folder, as the launcher or `npm run org:create` do: at the given
// moment (so several start together) it opens the folder, prints {isOwner, url} as JSON and keeps what it got
// until its stdin closes. Run: node --import tsx tests/helpers/embedded-owner-child.ts <dataRoot> <startAtMs>
import pg from "pg";
import { openEmbeddedDatabase } from "../../lib/db/tooling/embedded";

const [dataRoot, startAt] = process.argv.slice(2);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const database = await openEmbeddedDatabase(dataRoot);
// Whoever is not the owner must still reach the owner's database.
const client = new pg.Client({ connectionString: database.url });
await client.connect();
const { rows } = await client.query("SELECT 1 AS one");
await client.end();
console.log(JSON.stringify({ isOwner: database.isOwner, url: database.url, answered: rows[0].one === 1 }));
process.stdin.resume();
process.stdin.on("end", async () => {
  await database.close();
  process.exit(0);
});
