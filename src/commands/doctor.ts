import { Command, Flags } from '@oclif/core';
import { CHECKS } from '../checks/index';
import { PLATFORMS, type CheckOptions, type Platform } from '../checks/types';
import { runChecks } from '../engine/run';
import { readSnapshot } from '../inventory/snapshot-file';
import type { Inventory } from '../inventory/types';
import { renderJson } from '../report/json';
import { buildFixPlan } from '../report/fix-plan';
import { buildReport, type Report } from '../report/model';
import { DiagnoseError } from '../util/errors';
import { assertId } from '../util/ids';
import { accountFlags, collectFromFlags, type AccountFlagValues } from './common-flags';
import { applySuppressions } from '../engine/suppress';
import { readConfig, withConfig } from './config-defaults';
import { destination, reportFlags, sarifArtifact, writeReport } from './report-flags';
import { moreExamples } from './doctor-examples';
import { failure, type FailureDocument } from './failure';
import { fixPlanFlags, fixPlanFormat, withBareFixPlan, writeFixPlan } from './fix-plan-flag';
import { natFlags, natOptions } from './nat-flags';
import { workloadFlagOptions, workloadFlags, workloadTarget, type WorkloadFlagValues } from './workload-flags';
import { workloadOptions, workloadVpcMismatch } from '../inventory/workload';

export default class Doctor extends Command {
  static override summary = 'Diagnose private ECR image pulls for one VPC (read-only).';
  static override description = `Reads the VPC's DNS settings, endpoints, security groups and route tables (Describe calls only) and walks the troubleshooting flow check by check.

Exit codes: 0 no failure · 1 at least one check failed (or warned, with --strict) · 2 could not diagnose (bad input, VPC not found, no credentials, a needed call denied).`;

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
  };

  async run(): Promise<Report | FailureDocument> {
    const { flags: given } = await this.parse(Doctor, withBareFixPlan(this.argv));
    try {
      const config = readConfig(given);
      const flags = withConfig(given, config);
      const planFormat = fixPlanFormat(flags['fix-plan'], this.jsonEnabled());
      const dest = destination(flags, this.jsonEnabled(), planFormat);
      const options: CheckOptions = {
        platform: (flags.platform ?? 'fargate') as Platform,
        subnetIds: (flags.subnet ?? []).map((s) => assertId('subnet', s, '--subnet')),
        securityGroupIds: (flags['security-group'] ?? []).map((s) => assertId('sg', s, '--security-group')),
        extraServices: (flags.needs ?? []).map(assertServiceName),
        ...natOptions(flags),
        ...workloadFlagOptions(flags),
      };
      const inventory = await this.loadInventory(flags, options.lookbackSeconds);
      // The workload fills what the flags leave open: subnets, security groups, platform, services.
      const checkOptions = workloadOptions(inventory, options, flags.platform !== undefined);
      const mismatch = workloadVpcMismatch(inventory);
      if (mismatch) throw new DiagnoseError(mismatch, 'workload-not-in-vpc');
      assertSubnetsInVpc(inventory, checkOptions.subnetIds);
      const { checks: results, suppressions } = applySuppressions(
        runChecks(CHECKS, inventory, checkOptions, { only: flags.only, skip: flags.skip }),
        config.suppress,
        inventory.collectedAt,
      );
      const report = buildReport({
        results,
        suppressions,
        inventory,
        options: checkOptions,
        toolVersion: this.config.version,
        source: flags.snapshot ? 'snapshot' : 'live',
        strict: flags.strict,
      });
      if (planFormat) report.fixPlan = buildFixPlan(report, { vpcCidrs: inventory.vpc?.cidrBlocks });
      writeReport(this, report, dest, sarifArtifact(flags['sarif-artifact'], config));
      if (planFormat && !this.jsonEnabled()) writeFixPlan(this, report, planFormat);
      process.exitCode = report.summary.exitCode;
      return report;
    } catch (err) {
      return failure(err);
    }
  }

  /** --json: the report through its own renderer (stable key order, escaped controls). */
  protected override logJson(json: unknown): void {
    const isReport = typeof json === 'object' && json !== null && 'checks' in json;
    process.stdout.write(isReport ? renderJson(json as Report) : `${JSON.stringify(json, null, 2)}\n`);
  }

  private async loadInventory(flags: AccountFlagValues & WorkloadFlagValues & { snapshot?: string }, lookbackSeconds?: number): Promise<Inventory> {
    if (flags.snapshot) return readSnapshot(flags.snapshot);
    const workload = workloadTarget(flags);
    return collectFromFlags(flags, ' (or --snapshot FILE to replay a saved inventory)', { lookbackSeconds, ...(workload ? { workload } : {}) });
  }
}

/** --needs takes short endpoint service names as in com.amazonaws.<region>.<name>. */
function assertServiceName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/.test(trimmed)) {
    throw new DiagnoseError(`--needs ${JSON.stringify(name.slice(0, 64))} is not an endpoint service name (e.g. logs, secretsmanager, ssm, kms)`, 'bad-input');
  }
  return trimmed;
}

/** --subnet must name subnets of this VPC: a typo would otherwise silently check nothing. */
function assertSubnetsInVpc(inv: Inventory, subnetIds: string[]): void {
  if (!inv.subnets) return;
  const unknown = subnetIds.filter((id) => !inv.subnets?.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new DiagnoseError(`${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in ${inv.target.vpcId}`, 'subnet-not-in-vpc');
  }
}
