import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineEditor } from "./line-editor.js";
import { echoOf, resultOf, MONITOR_BANNER } from "./transcript.js";

function editor() {
  const got = { written: "", submitted: [] as string[], completions: [] as string[], interrupts: 0, eofs: 0, toggles: 0 };
  const e = new LineEditor(
    {
      write: (t) => (got.written += t),
      submit: (l) => got.submitted.push(l),
      complete: (l) => got.completions.push(l),
      interrupt: () => got.interrupts++,
      eof: () => got.eofs++,
      toggleMonitor: () => got.toggles++,
    },
    "~ # ",
  );
  e.show();
  return { e, got };
}

describe("the terminal's line editor", () => {
  it("edits with arrows, Home/End, backspace, delete, Ctrl-U/K, and submits on Enter", () => {
    const { e, got } = editor();
    e.feed("lspci -v\x1b[D\x1b[D\x7f\x1b[H#\x1b[F x\r");
    expect(got.submitted).toEqual(["#lspci-v x"]);
    e.feed("abc\x1b[D\x1b[D\x1b[3~\r");
    expect(got.submitted[1]).toBe("ac");
    e.feed("hello world\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x0b\r");
    expect(got.submitted[2]).toBe("hello ");
    e.feed("hello world\x01\x1b[C\x15\r");
    expect(got.submitted[3]).toBe("ello world");
  });

  it("walks the history with up and down, keeping the line being typed", () => {
    const { e, got } = editor();
    e.feed("one\rtwo\rdraft\x1b[A\x1b[A\x1b[B\x1b[B\r");
    expect(got.submitted).toEqual(["one", "two", "draft"]);
    e.feed("\x1b[A\x1b[A\r");
    expect(got.submitted[3]).toBe("two");
  });

  it("Tab asks for the line up to the cursor; Ctrl-C, Ctrl-D on an empty line, Ctrl-A c", () => {
    const { e, got } = editor();
    e.feed("insm\t");
    expect(got.completions).toEqual(["insm"]);
    e.insert("od ");
    expect(e.buffer).toBe("insmod ");
    e.feed("\x03");
    expect(got.interrupts).toBe(1);
    e.set("");
    e.feed("\x04\x01c");
    expect(got.eofs).toBe(1);
    expect(got.toggles).toBe(1);
    // Ctrl-A then another key: Home, then the key.
    e.feed("bc\x01a\r");
    expect(got.submitted).toEqual(["abc"]);
  });

  it("whatever is typed, the buffer is the printable keys in order when only typing and Enter", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abc -/_.0123456789~".split("")) }), (text) => {
        const { e, got } = editor();
        e.feed(`${text}\r`);
        expect(got.submitted).toEqual([text]);
        expect(e.buffer).toBe("");
      }),
    );
  });
});

describe("the transcript renderer", () => {
  const ev = (kind: "line" | "monitor" | "mode" | "interrupt" | "complete", text: string) => ({ kind, text, t: 0, hook: -1 });
  it("echoes shell and monitor lines with their prompts, the monitor's banner, and ^C", () => {
    expect(echoOf(ev("line", "ls"), "~ # ")).toBe("~ # ls\n");
    expect(echoOf(ev("monitor", "info pci"), "~ # ")).toBe("(qemu) info pci\n");
    expect(echoOf(ev("mode", "monitor"), "")).toBe(MONITOR_BANNER);
    expect(echoOf(ev("mode", "shell"), "")).toBe("");
    expect(echoOf(ev("interrupt", ""), "")).toBe("^C\n");
    expect(echoOf({ kind: "cancel", text: "echo half", t: 0, hook: -1 }, "~ # ")).toBe("~ # echo half^C\n");
  });
  it("lists an ambiguous completion's candidates under the line, a unique one silently", () => {
    expect(resultOf(ev("complete", "ls /sy"), { status: 0, completion: [["/sys/"], "/sy"] }, "~ # ")).toBe("");
    expect(resultOf(ev("complete", "in"), { status: 0, completion: [["insmod", "init"], "in"] }, "~ # ")).toBe("~ # in\ninsmod  init\n");
  });
});
