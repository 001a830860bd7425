/** Every --format for a scan, as render.ts is for one VPC. */
import type { ScanReport } from '../scan/types';
import type { Format } from './formats';
import type { RenderOptions } from './render';
import { renderScanHuman } from './scan-human';
import { renderScanJson } from './scan-json';
import { renderScanJunit } from './scan-junit';
import { renderScanMarkdown } from './scan-markdown';
import { renderScanSarif } from './scan-sarif';

export function renderScanFormat(scan: ScanReport, format: Format, opts: RenderOptions): string {
  switch (format) {
    case 'human': return renderScanHuman(scan, { color: opts.color, width: opts.width });
    case 'json': return renderScanJson(scan);
    case 'sarif': return renderScanSarif(scan, { checks: opts.checks, artifactUri: opts.sarifArtifact });
    case 'junit': return renderScanJunit(scan);
    case 'markdown': return renderScanMarkdown(scan);
  }
}
