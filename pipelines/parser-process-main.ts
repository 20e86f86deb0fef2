/**
 * The parser process's own side: for each request it reads the file, checks that it is
 * still the content the pipeline hashed, recognises its format unless told, and sends
 * back the parsed rows and rejected rows. See `parser-process.ts`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { adapterByName, detectAdapter } from '../sources/index.ts';
import { parseFileWithCompanions } from '../sources/parse.ts';
import type { ParseReply, ParseRequest } from './parser-process.ts';

function parse(request: ParseRequest): ParseReply {
  const bytes = readFileSync(request.path);
  if (createHash('sha256').update(bytes).digest('hex') !== request.sha256) return { status: 'changed' };
  const adapter = request.source ? adapterByName(request.source) : detectAdapter(bytes, request.options.fileName);
  const parts = parseFileWithCompanions(bytes, adapter, request.options);
  return { status: 'parsed', parts: parts.map((part) => ({ adapter: part.adapter.name, parsed: part.parsed })) };
}

function reply(request: ParseRequest): ParseReply {
  try {
    return parse(request);
  } catch (error) {
    const { name, message, stack } = error as Error;
    const file = (error as { file?: string }).file;
    return { status: 'error', error: { name, message, ...(file ? { file } : {}), ...(stack ? { stack } : {}) } };
  }
}

process.on('message', (request: ParseRequest) => process.send!(reply(request)));
process.on('disconnect', () => process.exit(0));
