import Table from "cli-table3";

/** One column of a figures table: its heading and how its cells line up. */
export interface Column {
  head: string;
  align?: "left" | "right";
}

/**
 * A plain-text table (cli-table3, drawn without borders so it reads like `lspci` or `free` output and
 * pastes cleanly into a lab report). Cells are already-formatted strings; numbers right-aligned.
 */
export function renderTextTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const t = new Table({
    head: columns.map((c) => c.head),
    colAligns: columns.map((c) => c.align ?? "left"),
    chars: {
      top: "", "top-mid": "", "top-left": "", "top-right": "",
      bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "",
      left: "", "left-mid": "", mid: "", "mid-mid": "", right: "", "right-mid": "", middle: "  ",
    },
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true },
  });
  for (const r of rows) t.push([...r]);
  // cli-table3 pads every cell to its column's width, trailing blanks included; trim them per line.
  return t.toString().split("\n").map((l) => l.trimEnd()).join("\n") + "\n";
}

/** CSV as RFC 4180 quotes it (fields with a comma, quote or newline), with Unix line ends for cut/awk/sort. */
export function renderCsvTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(",")).join("\n") + "\n";
}
