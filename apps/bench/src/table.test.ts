import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderCsvTable, renderTextTable } from "./table.js";

/** Reads RFC 4180 CSV back (the way a spreadsheet or Python's csv module does) to check what we wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endField();
    else if (ch === "\n") {
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  return rows;
}

describe("renderCsvTable", () => {
  it("any fields (commas, quotes, newlines) read back exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        expect(parseCsv(renderCsvTable(["a", "b"], rows))).toEqual([["a", "b"], ...rows]);
      }),
    );
  });
  it("plain numbers stay unquoted", () => {
    expect(renderCsvTable(["x", "y"], [[1, "a,b"]])).toBe('x,y\n1,"a,b"\n');
  });
});

describe("renderTextTable", () => {
  it("lines up columns: text left, numbers right, no borders, no trailing blanks", () => {
    const out = renderTextTable([{ head: "design" }, { head: "MB/s", align: "right" }], [["v1", "4.36"], ["dma", "492.47"]]);
    expect(out).toBe("design    MB/s\nv1        4.36\ndma     492.47\n");
  });
});
