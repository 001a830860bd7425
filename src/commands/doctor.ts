import { Command, Flags } from '@oclif/core';
import { PLATFORMS } from '../checks/types';
import { readSnapshot } from '../inventory/snapshot-file';
import type { Inventory } from '../inventory/types';
import { renderJson } from '../report/json';
import type { Report } from '../report/model';
import { renderScanJson } from '../report/scan-json';
import type { ScanReport } from '../scan/types';
import { accountFlags, collectFromFlags, type AccountFlagValues } from './common-flags';
import { readConfig, withConfig } from './config-defaults';
import { checkOptionsFromFlags, diagnoseSettings, diagnoseTarget } from './diagnose';
import { runScanCommand } from './scan-command';
import { assertNotScanOnly, scanFlags, scanRequested } from './scan-flags';
import { destination, reportFlags, sarifArtifact, writeReport } from './report-flags';
import { moreExamples } from './doctor-examples';
import { failure, type FailureDocument } from './failure';
import { fixPlanFlags, fixPlanFormat, withBareFixPlan, writeFixPlan } from './fix-plan-flag';
import { natFlags } from './nat-flags';
import { workloadFlags, workloadTarget, type WorkloadFlagValues } from './workload-flags';

export default class Doctor extends Command {
  static override summary = 'Diagnose private ECR image pulls for one VPC, or every VPC of some regions (read-only).';
  static override description = `Reads the VPC's DNS settings, endpoints, security groups and route tables (Describe calls only) and walks the troubleshooting flow check by check.

With --all-vpcs or --regions, every VPC of the region(s) is diagnosed the same way, a few at a time (--concurrency), into one combined report.

Exit codes: 0 no failure · 1 at least one check failed (or warned, with --strict) · 2 could not diagnose (bad input, VPC not found, no credentials, a needed call denied). A scan exits with the worst of its targets.`;

  static override examples = [
    { description: 'Diagnose a VPC with the default credential chain', command: '<%= config.bin %> doctor --vpc vpc-0123456789abcdef0 --region us-east-1' },
    { description: 'Only these workload subnets, with the tasks\' security group', command: '<%= config.bin %> doctor --vpc vpc-0123456789abcdef0 --subnet subnet-0123456789abcdef0 --security-group sg-0123456789abcdef0' },
    { description: 'Diagnose an ECS service: its VPC, subnets, security groups, platform and images are read from it', command: '<%= config.bin %> doctor --ecs-service prod/web --region us-east-1' },
    { description: 'Where does this image come from, and can the VPC pull it?', command: '<%= config.bin %> doctor --vpc vpc-0123456789abcdef0 --image nginx:latest' },
    { description: 'Machine-readable report for CI', command: '<%= config.bin %> doctor --vpc vpc-0123456789abcdef0 --json > report.json' },
    { description: 'Replay a saved snapshot offline (no AWS needed)', command: '<%= config.bin %> doctor --snapshot fixtures/snapshots/classic-s3-route-missing.json' },
    { description: 'ECS on EC2 tasks that log with awslogs and read Secrets Manager secrets', command: '<%= config.bin %> doctor --vpc vpc-0123456789abcdef0 --platform ecs-ec2 --needs logs,secretsmanager' },
    { description: 'Write the fixes as an AWS CLI script to review (nothing is executed)', command: '<%= config.bin %> doctor --vpc vpc-0123456789abcdef0 --fix-plan=cli > fix.sh' },
    ...moreExamples,
  ];

  static override enableJsonFlag = true;

  static override flags = {
    ...accountFlags,
    snapshot: Flags.string({ description: 'Replay an inventory saved by `ecr-vpce snapshot` instead of reading AWS.', exclusive: ['vpc', 'profile', 'endpoint-url'] }),
    subnet: Flags.string({ description: 'Workload subnet (repeatable). Default: every subnet without a default route to an internet gateway.', multiple: true }),
    'security-group': Flags.string({ description: 'Security group of the workload (repeatable): endpoint SG rules referencing it count as admitting the workload.', multiple: true }),
    platform: Flags.string({ description: 'Platform that pulls the images: decides the required endpoints. Default: derived from --ecs-service / --ecs-task-definition / --eks-cluster, else fargate.', options: [...PLATFORMS] }),
    needs: Flags.string({
      description: 'Extra endpoint services the workload needs (comma-separated short names): logs for awslogs, secretsmanager/ssm for secrets, kms...',
      delimiter: ',',
      multiple: true,
    }),
    strict: Flags.boolean({ description: 'Treat warnings as failures (exit 1); --no-strict overrides the config file.', allowNo: true }),
    only: Flags.string({ description: 'Run only these checks (ids or stages, comma-separated); the rest are reported as skip.', delimiter: ',', multiple: true }),
    skip: Flags.string({ description: 'Skip these checks (ids or stages, comma-separated).', delimiter: ',', multiple: true }),
    ...fixPlanFlags,
    ...reportFlags,
    ...natFlags,
    ...workloadFlags,
    ...scanFlags,
  };

  async run(): Promise<Report | ScanReport | FailureDocument> {
    const { flags: given } = await this.parse(Doctor, withBareFixPlan(this.argv));
    try {
      const config = readConfig(given);
      if (scanRequested(given)) return await runScanCommand(this, given, config, this.jsonEnabled());
      assertNotScanOnly(given);
      const flags = withConfig(given, config);
      const planFormat = fixPlanFormat(flags['fix-plan'], this.jsonEnabled());
      const dest = destination(flags, this.jsonEnabled(), planFormat);
      const options = checkOptionsFromFlags(flags);
      const inventory = await this.loadInventory(flags, options.lookbackSeconds);
      const settings = diagnoseSettings(
        flags,
        options,
        { suppress: config.suppress, toolVersion: this.config.version },
        { source: flags.snapshot ? 'snapshot' : 'live', fixPlan: planFormat !== undefined },
      );
      const report = diagnoseTarget(settings, inventory);
      writeReport(this, report, dest, sarifArtifact(flags['sarif-artifact'], config));
      if (planFormat && !this.jsonEnabled()) writeFixPlan(this, report, planFormat);
      process.exitCode = report.summary.exitCode;
      return report;
    } catch (err) {
      return failure(err);
    }
  }

  /** --json: the report (or a scan's) through its own renderer (stable key order, escaped controls). */
  protected override logJson(json: unknown): void {
    const is = (key: string) => typeof json === 'object' && json !== null && key in json;
    if (is('checks')) process.stdout.write(renderJson(json as Report));
    else if (is('targets')) process.stdout.write(renderScanJson(json as ScanReport));
    else process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  private async loadInventory(flags: AccountFlagValues & WorkloadFlagValues & { snapshot?: string }, lookbackSeconds?: number): Promise<Inventory> {
    if (flags.snapshot) return readSnapshot(flags.snapshot);
    const workload = workloadTarget(flags);
    return collectFromFlags(flags, ' (or --snapshot FILE to replay a saved inventory)', { lookbackSeconds, ...(workload ? { workload } : {}) });
  }
}
