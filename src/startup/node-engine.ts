/**
 * package.json's `engines.node`, checked by hand. oclif checks it on every start with semver
 * (~4 ms, semver's module and regexes); a ">=major.minor" range needs no semver.
 */

/** The warning to print for `nodeVersion` under `range`; null when it satisfies; undefined when the range isn't ">=X.Y[.Z]". */
export function engineWarning(nodeVersion: string, range: string | undefined): string | null | undefined {
  const want = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(range?.trim() ?? '');
  const have = /^v?(\d+)\.(\d+)\.(\d+)/.exec(nodeVersion);
  if (!want || !have) return undefined;
  const [wMajor, wMinor, wPatch] = [Number(want[1]), Number(want[2]), Number(want[3] ?? 0)];
  const [hMajor, hMinor, hPatch] = [Number(have[1]), Number(have[2]), Number(have[3])];
  const older = hMajor !== wMajor ? hMajor < wMajor : hMinor !== wMinor ? hMinor < wMinor : hPatch < wPatch;
  return older ? `Node version must be ${range} to use this CLI. Current node version: ${nodeVersion}` : null;
}
