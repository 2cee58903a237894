// Recurring jobs: graphile-worker's cron adds each due run once, however many instances run it (it records the last
// run of each item in its known_crontabs table), and with a backfill period a run missed while every instance was
// down is added at the next start. Patterns are in UTC. Each item names a job of job-registry.ts.
import type { CronItem } from "graphile-worker";
import { retentionSchedule } from "@/lib/messenger/retention/retention-schedule";

export const scheduledJobs: CronItem[] = [...retentionSchedule];
