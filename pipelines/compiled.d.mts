/** The compiled tree of the clone's sources under `root`, compiled first when they changed; null when it cannot be written. */
export function compiledSources(root: string): Promise<string | null>;
/** The files the package build takes (tsconfig.build.json's `include` less its `exclude`), relative to `root` with `/`, with their sizes and modification times. */
export function sourceFiles(root: string): { path: string; size: number; mtimeMs: number }[];
/** Compiles each TypeScript file of `files` on its own into `folder` and copies the other files beside them; inline source maps unless `sourcemap` is false. */
export function compileInto(root: string, files: readonly { path: string }[], folder: string, options?: { sourcemap?: 'inline' | false }): Promise<void>;
