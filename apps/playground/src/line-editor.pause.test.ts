import { describe, expect, it } from "vitest";
import { LineEditor } from "./line-editor.js";

describe("the line editor holds keys while a request is in flight", () => {
  it("a paste with a Tab: the rest waits for the completion, then runs on the completed line", () => {
    const submitted: string[] = [];
    let asked = "";
    const e: LineEditor = new LineEditor(
      {
        write: () => {},
        submit: (l) => {
          submitted.push(l);
          e.pause();
        },
        complete: (l) => {
          asked = l;
          e.pause();
        },
        interrupt: () => {},
        eof: () => {},
        toggleMonitor: () => {},
      },
      "~ # ",
    );
    e.feed("ls /pro\tx\recho next\r");
    expect(asked).toBe("ls /pro");
    expect(submitted).toEqual([]);
    e.insert("c/");
    e.resume();
    expect(submitted).toEqual(["ls /proc/x"]);
    e.resume();
    expect(submitted).toEqual(["ls /proc/x", "echo next"]);
  });

  it("redraws a line longer than the terminal from its first row", () => {
    let out = "";
    const e = new LineEditor({ write: (t) => (out += t), submit: () => {}, complete: () => {}, interrupt: () => {}, eof: () => {}, toggleMonitor: () => {} }, "~ # ", () => 10);
    e.show();
    e.feed("0123456789abcdef");
    out = "";
    // The cursor is on the second row of "~ # 0123456789abcdef" (20 columns → 2 rows): a redraw goes up one.
    e.feed("\x1b[D");
    expect(out.startsWith("\x1b[1A\r\x1b[J~ # 0123456789abcdef")).toBe(true);
    out = "";
    e.hide();
    expect(out).toBe("\x1b[1A\r\x1b[J");
  });
});
