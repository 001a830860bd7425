/**
 * Snapshot files: an inventory saved by `ecr-vpce snapshot` and replayed by `doctor --snapshot`.
 * Loading never trusts the file: any problem is a one-line DiagnoseError, never a crash.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DiagnoseError } from '../util/errors';
import { INVENTORY_SCHEMA_VERSION, type Inventory } from './types';
import { validateInventory } from './validate';

export function readSnapshot(path: string): Inventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? String(err);
    throw new DiagnoseError(`Cannot read snapshot ${path}: ${why}`, 'bad-snapshot');
  }
  return parseSnapshot(text, path);
}

export function parseSnapshot(text: string, path = 'snapshot'): Inventory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const detail = text.trim().length === 0 ? 'the file is empty' : `not valid JSON (${(err as Error).message}); truncated?`;
    throw new DiagnoseError(`Snapshot ${path} is unreadable: ${detail}`, 'bad-snapshot');
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (data && typeof data === 'object' && !Array.isArray(data) && version !== INVENTORY_SCHEMA_VERSION) {
    throw new DiagnoseError(
      `Snapshot ${path} has schemaVersion ${JSON.stringify(version) ?? 'missing'}; this ecr-vpce reads version ${INVENTORY_SCHEMA_VERSION}. Re-create it with \`ecr-vpce snapshot\`.`,
      'bad-snapshot',
    );
  }
  const problems = validateInventory(data);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new DiagnoseError(`Snapshot ${path} is not a valid ecr-vpce inventory: ${problems[0]}${more}`, 'bad-snapshot');
  }
  return data as Inventory;
}

export function writeSnapshot(path: string, inv: Inventory): void {
  try {
    writeFileSync(path, `${JSON.stringify(inv, null, 2)}\n`, { mode: 0o644 });
  } catch (err) {
    throw new DiagnoseError(`Cannot write snapshot ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 'bad-output');
  }
}
