// What the CLI prints: readable text for people (colours only on a terminal,
// never with NO_COLOR), or JSON for scripts with --json.

export interface Output {
  readonly json: boolean;
  readonly colour: boolean;
  line(text?: string): void;
  error(text: string): void;
  data(value: unknown): void;
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
}

type Stream = { write(text: string): unknown; isTTY?: boolean };

export function output(json: boolean, out: Stream = process.stdout, err: Stream = process.stderr, env: NodeJS.ProcessEnv = process.env): Output {
  const colour = !env.NO_COLOR && (Boolean(env.FORCE_COLOR && env.FORCE_COLOR !== '0') || out.isTTY === true);
  const paint = (code: number) => (text: string) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  return {
    json,
    colour,
    line: (text = '') => void out.write(`${text}\n`),
    error: (text) => void err.write(`${text}\n`),
    data: (value) => void out.write(`${JSON.stringify(value, null, 2)}\n`),
    bold: paint(1),
    dim: paint(2),
    green: paint(32),
    yellow: paint(33),
    red: paint(31),
  };
}

/** Rows as aligned columns, the header dimmed. */
export function table(out: Output, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  out.line(out.dim(format(header)));
  for (const row of rows) out.line(format(row));
}

/** `label  value` lines, labels aligned. */
export function fields(out: Output, pairs: Array<[string, string | number | boolean | null | undefined]>): void {
  const width = Math.max(...pairs.map(([k]) => k.length));
  for (const [k, v] of pairs) if (v !== undefined) out.line(`  ${out.dim(k.padEnd(width))}  ${v ?? ''}`);
}

export function statusColour(out: Output, status: number, text: string): string {
  return status >= 500 ? out.red(text) : status >= 400 ? out.yellow(text) : out.green(text);
}
