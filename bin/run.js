#!/usr/bin/env node
// Entry point. `--version` is answered here, in oclif's own format, without loading oclif: it is
// what scripts and CI call most, and loading the framework is most of its cost. Everything else
// goes to oclif (bundled in dist/oclif.js), which reads the shipped manifest, so --help loads no
// command code either. Our bundles compile with the V8 code cache the build made (see
// src/startup/code-cache.ts).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { version } = require('../package.json');
  process.stdout.write(`ecr-vpce/${version} ${process.platform}-${process.arch} node-${process.version}\n`);
} else {
  const { realpathSync } = require('node:fs');
  const { join } = require('node:path');
  const { installCodeCache, codeCacheMode, CODE_CACHE_ENV } = require('../dist/code-cache.js');
  const mode = codeCacheMode(process.env[CODE_CACHE_ENV]);
  if (mode !== 'off') installCodeCache(realpathSync(join(__dirname, '..', 'dist')), mode);
  require('../dist/oclif.js').execute({ dir: __dirname });
}
