/**
 * V8 code cache for the CLI's own bundles (dist/*.js).
 *
 * Start-up is dominated by compiling JavaScript: oclif alone is ~0.3 MB of it. Node 22 can keep
 * a compile cache by itself (module.enableCompileCache); Node 20 cannot, so the build runs the
 * CLI with ECR_VPCE_CODE_CACHE=write and keeps V8's cached data next to each bundle
 * (`dist/oclif.js.cache`, ...). At run time each bundle is compiled with that data. V8 rejects
 * data made by another V8 version or other flags, but checks the source only by its length, so
 * each cache starts with a copy of the source it was made from, compared byte for byte (a memcmp:
 * cheaper than loading node:zlib or node:crypto for a checksum, ~4–6 ms). A stale or foreign cache
 * is not used: the bundle compiles from source as usual, never wrongly. (Integrity against a stale
 * build, not a defence: whoever can write the cache can write the bundle.)
 *
 * Only files directly inside `distDir` are affected; everything else loads the normal way. The
 * bundles must not use `import()`: on Node 20 a script compiled from a code cache has no
 * dynamic-import loader, so the build turns every `import()` into `require()`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname } from 'node:path';
import vm from 'node:vm';

/** Node's CommonJS internals used here; stable for years and what every compile cache hooks. */
interface CjsInternals {
  _extensions: Record<string, (module: NodeModule, filename: string) => void>;
  wrap(source: string): string;
}

export const CODE_CACHE_ENV = 'ECR_VPCE_CODE_CACHE';

/**
 * read: use the caches (the default) · write: also save them at exit (the build) · report: say on
 * stderr at exit how each bundle loaded · off: don't install (to measure, or to rule it out).
 */
export type CodeCacheMode = 'read' | 'write' | 'report' | 'off';

export interface LoadedBundle {
  file: string;
  /** none: no cache file · stale: made from another source · rejected: refused by V8 (another version or flags) */
  cache: 'none' | 'stale' | 'rejected' | 'accepted';
}

/** A cache file: the source's byte length (4 bytes), the source, then V8's data. */
function cacheFileContents(source: Buffer, v8Data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(source.length);
  return Buffer.concat([length, source, v8Data]);
}

/** V8's data from a cache file made from exactly `source`, else undefined. */
function v8DataFor(source: Buffer, saved: Buffer): Buffer | undefined {
  const end = 4 + source.length;
  if (saved.length < end || saved.readUInt32BE(0) !== source.length) return undefined;
  return saved.subarray(4, end).equals(source) ? saved.subarray(end) : undefined;
}

export function cacheFileOf(bundle: string): string {
  return `${bundle}.cache`;
}

export function codeCacheMode(value: string | undefined): CodeCacheMode {
  return value === 'write' || value === 'report' || value === 'off' ? value : 'read';
}

/** Installs the hook; the returned list grows as bundles load. */
export function installCodeCache(distDir: string, mode: CodeCacheMode = 'read'): LoadedBundle[] {
  const cjs = Module as unknown as CjsInternals;
  const compileJs = cjs._extensions['.js'];
  const loaded: LoadedBundle[] = [];
  const scripts: vm.Script[] = [];
  const sources: Buffer[] = [];

  cjs._extensions['.js'] = function loadJs(module, filename) {
    if (dirname(filename) !== distDir) return compileJs(module, filename);
    const source = readFileSync(filename);
    const saved = readIfPresent(cacheFileOf(filename));
    const cachedData = saved && v8DataFor(source, saved);
    const script = new vm.Script(cjs.wrap(source.toString('utf8')), { filename, cachedData });
    const cache = !saved ? 'none' : !cachedData ? 'stale' : script.cachedDataRejected ? 'rejected' : 'accepted';
    loaded.push({ file: filename, cache });
    scripts.push(script);
    sources.push(source);
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, Module.createRequire(filename), module, filename, dirname(filename));
  };

  // At exit, so a written cache also holds the functions the run compiled lazily (help, checks, report).
  if (mode === 'write') {
    process.on('exit', () =>
      loaded.forEach((b, i) => writeFileSync(cacheFileOf(b.file), cacheFileContents(sources[i], scripts[i].createCachedData()))),
    );
  } else if (mode === 'report') {
    process.on('exit', () => {
      for (const b of loaded) process.stderr.write(`code cache ${basename(b.file)}: ${b.cache}\n`);
    });
  }
  return loaded;
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
