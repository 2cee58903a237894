// Load for the embedded database from another process (as the Next server is): transactions on some
// connections, parameterized reads on others. Prints {wrong, failed, errors} as JSON.
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.argv[2], max: 8 });
pool.on("error", () => {});
const table = `probe_${process.pid}`;
await pool.query(`CREATE TABLE ${table} (id int PRIMARY KEY, v text)`);
await pool.query(`INSERT INTO ${table} SELECT g, 'v' || g FROM generate_series(1, 1000) g`);
let wrong = 0;
let failed = 0;
const errors = new Set();
await Promise.all(
  Array.from({ length: 600 }, async (_, n) => {
    const id = ((n * 7) % 1000) + 1;
    try {
      if (n % 4 === 0) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query(`UPDATE ${table} SET v = $1 WHERE id = $2`, [`v${id}`, id]);
          const { rows } = await client.query(`SELECT v FROM ${table} WHERE id = $1`, [id]);
          if (rows[0]?.v !== `v${id}`) wrong++;
          await client.query("COMMIT");
        } finally {
          client.release();
        }
        return;
      }
      const { rows } = await pool.query(`SELECT id, v FROM ${table} WHERE id = $1`, [id]);
      if (rows.length !== 1 || rows[0].id !== id || rows[0].v !== `v${id}`) wrong++;
    } catch (error) {
      failed++;
      errors.add(error.message);
    }
  }),
);
await pool.end().catch(() => {});
console.log(JSON.stringify({ wrong, failed, errors: [...errors].slice(0, 3) }));
