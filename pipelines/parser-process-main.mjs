// The parser process (pipelines/parser-process.ts): TypeScript through tsx's loader, as
// in the `advocacy` command itself.
import { register } from 'tsx/esm/api';

register();
await import('./parser-process-main.ts');
