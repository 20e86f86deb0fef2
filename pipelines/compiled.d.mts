/** The compiled tree of the clone's sources under `root`, compiled first when they changed; null when it cannot be written. */
export function compiledSources(root: string): Promise<string | null>;
