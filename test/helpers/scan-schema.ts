/** Validates a scan report (parsed --json output) against schemas/scan-report.v1.json. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const load = (name: string) => JSON.parse(readFileSync(resolve(__dirname, '../../schemas', name), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
// The scan schema refers to the single report by its $id.
ajv.addSchema(load('report.v1.json'));
const validate = ajv.compile(load('scan-report.v1.json'));

export function assertValidScan(value: unknown): void {
  assert.ok(validate(value), `scan-report.v1.json: ${ajv.errorsText(validate.errors)}`);
}

export function scanSchemaErrors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
