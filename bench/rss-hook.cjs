// Loaded with --require by the start-up benchmark: reports the process's peak RSS at exit.
process.on('exit', () => process.stderr.write(`__peak_rss_kb=${process.resourceUsage().maxRSS}\n`));
