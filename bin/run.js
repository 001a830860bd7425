#!/usr/bin/env node
// Entry point. `--version` is answered here, in oclif's own format, without loading oclif: it is
// what scripts and CI call most, and loading the framework is most of its cost. Everything else
// goes through dist/startup.js (src/startup/start.ts) to oclif, which reads the shipped manifest,
// so --help loads no command code either.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { version } = require('../package.json');
  process.stdout.write(`ecr-vpce/${version} ${process.platform}-${process.arch} node-${process.version}\n`);
} else {
  require('../dist/startup.js').start(__dirname);
}
