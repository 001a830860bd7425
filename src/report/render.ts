/** One entry point for every `--format`: what goes to stdout or to `--output FILE`. */
import type { Check } from '../checks/types';
import type { Format } from './formats';
import { renderHuman } from './human';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import type { Report } from './model';
import { renderSarif } from './sarif';

export interface RenderOptions {
  /** human only: colour and wrapping (a file gets neither). */
  color: boolean;
  width?: number;
  /** sarif only: the registry (one rule per check) and the file results point at. */
  checks: readonly Pick<Check, 'id' | 'title' | 'stage'>[];
  sarifArtifact: string;
}

export function renderFormat(report: Report, format: Format, opts: RenderOptions): string {
  switch (format) {
    case 'human': return renderHuman(report, { color: opts.color, width: opts.width });
    case 'json': return renderJson(report);
    case 'sarif': return renderSarif(report, { checks: opts.checks, artifactUri: opts.sarifArtifact });
    case 'junit': return renderJunit(report);
    case 'markdown': return renderMarkdown(report);
  }
}
