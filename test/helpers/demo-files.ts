/** The files the shared demo build (test/global-setup.ts) leaves in its folder when it ends. */

/** The finished build: the `DemoBuild`, as JSON. */
export const DEMO_RESULT_FILE = 'demo-build.json';
/** A failed build: its error. */
export const DEMO_FAILED_FILE = 'demo-build-failed.txt';
