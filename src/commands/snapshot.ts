import { Command, Flags } from '@oclif/core';
import { redactInventory } from '../inventory/redact';
import { writeSnapshot } from '../inventory/snapshot-file';
import { accountFlags, collectFromFlags } from './common-flags';
import { failure } from './failure';
import { lookbackFlag, natOptions } from './nat-flags';
import { workloadFlagOptions, workloadFlags, workloadTarget } from './workload-flags';

export default class Snapshot extends Command {
  static override summary = 'Save the inventory of one VPC to a file, to replay offline with `doctor --snapshot`.';
  static override description = 'Runs the same read-only Describe calls as `doctor` and writes what they returned (no credentials, no signed headers) as JSON.';
  static override examples = [
    '<%= config.bin %> snapshot --vpc vpc-0123456789abcdef0 --region us-east-1 -o acct.json',
    '<%= config.bin %> doctor --snapshot acct.json',
    '<%= config.bin %> snapshot --vpc vpc-0123456789abcdef0 --redact -o for-support.json',
  ];

  static override flags = {
    ...accountFlags,
    output: Flags.string({ char: 'o', description: 'File to write (default: stdout).' }),
    ...lookbackFlag,
    redact: Flags.boolean({ description: 'Replace account ids and tag values with stable stand-ins, for sharing (the diagnosis is unchanged).', default: false }),
    ...workloadFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Snapshot);
    try {
      const { lookbackSeconds } = natOptions(flags);
      workloadFlagOptions(flags);
      const workload = workloadTarget(flags);
      const collected = await collectFromFlags(flags, '', { lookbackSeconds, ...(workload ? { workload } : {}) });
      const inventory = flags.redact ? redactInventory(collected) : collected;
      if (flags.output) {
        writeSnapshot(flags.output, inventory);
        const gaps = inventory.gaps.length > 0 ? ` (${inventory.gaps.length} call(s) failed: the replay reports them as errors)` : '';
        this.logToStderr(`Saved ${inventory.target.vpcId} (${inventory.target.region}) to ${flags.output}${gaps}`);
      } else {
        this.log(JSON.stringify(inventory, null, 2));
      }
    } catch (err) {
      failure(err);
    }
  }
}
