import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const HEADER = `# Benchmark results

Written by \`pnpm bench\` (Node section), \`pnpm bench:browser\` (Chromium section) and
\`pnpm bench --suites=carddav\` (CardDAV section); each command replaces its own section. What is
measured, and how: bench/README.md. Targets: issue 7 (CardDAV: issue 13).
`;

/**
 * Writes one section (between its markers) of the results file, keeping the other sections.
 */
export function writeSection(file: string, section: 'node' | 'browser' | 'carddav', body: string): void {
  const start = `<!-- ${section}:start -->`;
  const end = `<!-- ${section}:end -->`;
  const block = `${start}\n${body.trimEnd()}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) text = `${text.slice(0, from)}${block}${text.slice(to + end.length)}`;
  else if (section === 'node' && text.includes('<!-- browser:start -->'))
    text = text.replace('<!-- browser:start -->', `${block}\n\n<!-- browser:start -->`);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  mkdirSync(dirname(file), { recursive: true }); // bench/.tmp is not in a fresh clone
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
