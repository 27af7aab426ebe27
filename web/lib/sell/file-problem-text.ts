// The sentence for a file refused before upload (files.ts imageProblem / evidenceProblem), in the page's language.
import { m } from '../paraglide/messages.js';
import { type FileProblem, formatBytes } from './files.ts';

export function fileProblemText(problem: FileProblem): string {
  if (problem.kind === 'too-large') return m.sell_file_too_large({ size: formatBytes(problem.size), max: formatBytes(problem.max) });
  if (problem.kind === 'not-image') return m.sell_file_not_image({ name: problem.name });
  return m.sell_file_empty();
}
