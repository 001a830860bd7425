/**
 * Whether the human output gets colour. Decided by the caller from the real stream and env and
 * passed to renderHuman, so rendering stays pure and tests never depend on the terminal.
 */
export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  // NO_COLOR (no-color.org): any non-empty value turns colour off, and wins over FORCE_COLOR.
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    // Same reading as Node and supports-color: "0"/"false" force off, anything else (even "") on.
    return force !== '0' && force.toLowerCase() !== 'false';
  }
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
