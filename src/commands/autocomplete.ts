/**
 * Shell completion (`ecr-vpce autocomplete`), from @oclif/plugin-autocomplete, built into our own
 * command bundle instead of loaded as a plugin: a plugin is located and read on every start
 * (~8 ms of a 150 ms budget) and is ESM, which oclif would load with import().
 */
export { default as Autocomplete } from '@oclif/plugin-autocomplete/lib/commands/autocomplete/index.js';
export { default as AutocompleteCreate } from '@oclif/plugin-autocomplete/lib/commands/autocomplete/create.js';
export { default as AutocompleteScript } from '@oclif/plugin-autocomplete/lib/commands/autocomplete/script.js';
