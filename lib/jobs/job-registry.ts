// Every background job the app runs, by name. A job is a payload schema (ids, never secrets: payloads are stored in
// clear in the queue table), the work, and optionally what to do when its last attempt failed, which is where a
// failure becomes visible to people (the delivery log, the integration's status).
import type { z } from "zod";

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  payload: S;
  // Method syntax on purpose: a definition for one payload type stays assignable to the registry's general type.
  run(payload: z.infer<S>): Promise<void>;
  /** Attempts before giving up (graphile-worker retries with exponential backoff: ≈ e^attempt seconds). */
  maxAttempts?: number;
  onGiveUp?(payload: z.infer<S>, error: unknown): Promise<void>;
};

export type JobDefinitions = Record<string, JobDefinition>;

export const jobDefinitions = {} satisfies JobDefinitions;

export type JobName = keyof typeof jobDefinitions & string;
export type JobPayload<N extends JobName> = z.input<(typeof jobDefinitions)[N]["payload"]>;
