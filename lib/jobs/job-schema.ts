// graphile-worker keeps its queue in its own schema (`graphile_worker`), created and upgraded by its own migrations.
// They run wherever Prisma's migrations run (lib/db/tooling/schema-engine.ts), so a job can be added in the same transaction
// as the rows it is about, from the first request on.
import { makeWorkerUtils } from "graphile-worker";
import { jobLogger } from "./job-logger";

export async function migrateJobSchema(databaseUrl: string): Promise<void> {
  const utils = await makeWorkerUtils({ connectionString: databaseUrl, logger: jobLogger });
  try {
    await utils.migrate();
  } finally {
    await utils.release();
  }
}
