/**
 * JUnit for a scan: one <testsuite> per target, in the report's order; a target that could not be
 * diagnosed is a suite with one errored testcase, so CI shows it instead of silently missing it.
 */
import { isFailure, type ScanFailure, type ScanReport } from '../scan/types';
import { junitDocument, junitSuite, suiteTag, type JunitSuite } from './junit';
import { cleanDeep } from './sanitize';
import { openTag, xmlText } from './xml';

export function renderScanJunit(scan: ScanReport): string {
  const s = cleanDeep(scan);
  return junitDocument(s.targets.map((e, i) => (isFailure(e) ? failedSuite(e, s.generatedAt, i) : junitSuite(e, i))));
}

function failedSuite(e: ScanFailure, generatedAt: string, id: number): JunitSuite {
  const counts = { tests: 1, failures: 0, errors: 1, skipped: 0 };
  const name = `ecr-vpce doctor ${e.target.vpcId ?? 'VPCs'} (${e.target.region})`;
  return {
    counts,
    lines: [
      `  ${suiteTag(name, counts, generatedAt, id)}`,
      `    ${openTag('testcase', { name: 'diagnose', classname: 'ecr-vpce.scan', time: '0' })}`,
      `      ${openTag('error', { message: e.error.message, type: e.error.reason })}${xmlText(e.error.message)}</error>`,
      '    </testcase>',
      '  </testsuite>',
    ],
  };
}
