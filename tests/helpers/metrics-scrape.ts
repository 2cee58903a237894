// Scraping GET /metrics in tests: the route as a fresh server process would load it (METRICS_TOKEN is read once), and
// the Prometheus text read back as samples.
import { randomUUID } from "node:crypto";
import { vi } from "vitest";
import { bearer, callRoute } from "./call-route";

export const TOKEN = `metrics-${randomUUID()}`;

/** The route as a fresh server process would load it, with METRICS_TOKEN as given (settings are read once). */
export async function metricsRouteWith(token: string | undefined) {
  vi.resetModules();
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  return import("@/app/metrics/route");
}

export async function scrape(headers: Record<string, string> = bearer(TOKEN)) {
  const route = await metricsRouteWith(TOKEN);
  return callRoute(route.GET, { path: "/metrics", headers });
}

type Sample = { name: string; labels: Record<string, string>; value: number };

export function samples(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The sum of the samples of this metric whose labels include these. */
export function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = samples(text).filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  return found.reduce((sum, s) => sum + s.value, 0);
}

/** How much a metric grew between two scrapes. */
export const deltaBetween = (before: string, after: string) => (name: string, labels: Record<string, string>) =>
  valueOf(after, name, labels) - valueOf(before, name, labels);
