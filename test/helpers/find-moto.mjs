// Locates the AWS API emulator: the moto_server shim, else `python3 -m moto.server`.
import { spawnSync } from 'node:child_process';

/** @returns {string[] | undefined} the command (argv) that starts moto, or undefined. */
export function findMotoCommand() {
  if (process.env.MOTO_SERVER_CMD) return process.env.MOTO_SERVER_CMD.split(' ');
  const shim = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  if (shim.status === 0) return ['moto_server'];
  const mod = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' });
  if (mod.status === 0) return ['python3', '-m', 'moto.server'];
  return undefined;
}
