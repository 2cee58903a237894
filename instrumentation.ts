// Next calls register() once when a server process starts (not during `next build`): the place to start the
// background job runner in every app instance.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startJobsInApp } = await import("./lib/jobs/start-in-app");
  await startJobsInApp();
}
