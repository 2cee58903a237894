// Plays another local user (the test runs it under another uid): tries to log in to the embedded database with a
// user and password of its choosing and to read files of the data folder. Prints {connected, error, readable} as JSON.
import { readFileSync } from "node:fs";
import pg from "pg";

const [databaseUrl, ...files] = process.argv.slice(2);
const url = new URL(databaseUrl);
url.username = "nobody";
url.password = "a-wrong-password";
const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
client.on("error", () => {});
let connected = false;
let error = null;
try {
  await client.connect();
  await client.query("SELECT 1");
  connected = true;
} catch (failure) {
  error = failure.code ?? failure.message;
} finally {
  await client.end().catch(() => {});
}
const readable = files.filter((file) => {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
});
console.log(JSON.stringify({ connected, error, readable }));
