#!/usr/bin/env node
// Entry point. oclif reads the shipped manifest, so --help and --version load no command code.
require('@oclif/core').execute({ dir: __dirname });
