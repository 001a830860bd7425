/** The explicit command map oclif loads (package.json oclif.commands, strategy "explicit"). */
import { Autocomplete, AutocompleteCreate, AutocompleteScript } from './autocomplete';
import Doctor from './doctor';
import Snapshot from './snapshot';

export const COMMANDS = {
  doctor: Doctor,
  snapshot: Snapshot,
  autocomplete: Autocomplete,
  'autocomplete:create': AutocompleteCreate,
  'autocomplete:script': AutocompleteScript,
};
