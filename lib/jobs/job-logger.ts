// graphile-worker's own messages (one per job at info level) go to our JSON log at debug, its warnings and errors as
// they are. Job payloads carry ids only, never secrets, so nothing here needs redacting beyond what pino does anyway.
import { Logger } from "graphile-worker";
import { logger } from "@/lib/logging/logger";

export const jobLogger = new Logger((scope) => (level, message, meta) => {
  const fields = { ...scope, ...meta, source: "graphile-worker" };
  if (level === "error") logger.error(fields, message);
  else if (level === "warning") logger.warn(fields, message);
  else logger.debug(fields, message);
});
