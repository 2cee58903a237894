// Setup file of the integration projects (runs before any app module is imported): points callRoute's recorder
// and the logger at the run's capture folder, and makes the logger actually write (tests are silent otherwise).
import { inject } from "vitest";

process.env.LEAK_SCAN_DIR = inject("leakScanDir");
process.env.LOG_CAPTURE_DIR = inject("leakScanDir");
process.env.LOG_LEVEL = "debug";
