/** A titled Markdown table, plus notes printed under it. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly notes?: readonly string[];
}

export function renderTable(table: Table): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const out = [`### ${table.title}`, '', line(table.columns), line(table.columns.map(() => '---')), ...table.rows.map(line)];
  if (table.notes !== undefined && table.notes.length > 0) out.push('', ...table.notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}

/** A target check as a cell: "met", "MISSED", or "n/a" when nothing was measured. */
export function verdict(value: number, limit: number, direction: 'at-most' | 'at-least' = 'at-most'): string {
  if (!Number.isFinite(value)) return 'n/a';
  const ok = direction === 'at-most' ? value <= limit : value >= limit;
  if (ok) return 'met';
  // A miss by under 3% is inside this machine's run-to-run noise: say so, with the unrounded value.
  return Math.abs(value / limit - 1) < 0.03 ? `MISSED (${value.toFixed(3)}, borderline)` : 'MISSED';
}
