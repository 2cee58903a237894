// Runs in the browser before any of the app's modules (Next's client instrumentation hook).
import { config } from "zod";

// zod compiles object parsers with `new Function` unless told not to, and probes for it with a caught
// `new Function("")` when its first object schema is built. The page's Content-Security-Policy refuses eval, so the
// probe would be reported as a violation on every page: parse without compiling (the forms' schemas are small).
config({ jitless: true });
