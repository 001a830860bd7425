/** The explicit command map oclif loads (package.json oclif.commands, strategy "explicit"). */
import Doctor from './doctor';
import Snapshot from './snapshot';

export const COMMANDS = {
  doctor: Doctor,
  snapshot: Snapshot,
};
