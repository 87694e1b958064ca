// The lab tab's terminal: xterm.js with the guest's shell and QEMU's monitor, as `rnglab shell` has them.
// Keys go to the line editor; lines, completions and monitor commands go to the guest's worker; what the
// guest took and printed comes back and is written through one renderer (transcript.ts), live or replayed.
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { Mailbox, REQUEST_CANCEL, REQUEST_COMPLETE, REQUEST_LINE, REQUEST_MODE, REQUEST_MONITOR, REQUEST_REGISTER, type MachineView, type SessionEvent } from "@rng/lab";
import { LineEditor } from "./line-editor.js";
import { MONITOR_PROMPT, echoOf, resultOf } from "./transcript.js";
import type { FromGuest, RequestKind, ToGuest } from "./guest-protocol.js";

export interface BootOptions {
  machineArgs: string[];
  driver: "builtin" | "module" | "pci";
  profile: "tcg" | "kvm";
  replay: SessionEvent[];
}

export interface TerminalEvents {
  /** The session's log changed (the URL keeps it). */
  log(log: SessionEvent[]): void;
  /** The machine and kernel as the panels show them. */
  view(view: MachineView): void;
  /** A register access the session took and its answer (live or replayed). */
  registerRead?(request: string, answer: string): void;
  /** The machine did not start (bad options). */
  bootFailed?(): void;
  /** The guest powered off (poweroff, exit). */
  poweredOff?(): void;
  /** Something to tell the user outside the terminal's text (which must stay the session's). */
  notice?(text: string): void;
  /** Escape in the terminal: keyboard users leave it (Tab belongs to completion). */
  escape?(): void;
  /** The guest is up and the first prompt is shown. */
  ready(info: { bootMs: number; replayMs: number; nowNs: number; notes: string[] }): void;
}

const KIND_CODES: Record<RequestKind, number> = { line: REQUEST_LINE, monitor: REQUEST_MONITOR, complete: REQUEST_COMPLETE, register: REQUEST_REGISTER, mode: REQUEST_MODE, cancel: REQUEST_CANCEL };

export class LabTerminal {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly editor: LineEditor;
  private worker: Worker | undefined;
  private mailbox: Mailbox | undefined;
  private flags: Int32Array | undefined;
  /** A shell line runs (the editor is off in the shell; the monitor still takes commands, as in QEMU). */
  private lineRunning = true;
  /** Monitor commands, mode switches and completions in flight (the editor holds keys until they are done). */
  private pending = 0;
  /** QEMU's mux escape: Ctrl-A seen, the next key says what it means (c: switch to/from the monitor). */
  private ctrlA = false;
  /** Keys typed for the shell while a command ran, kept aside while the monitor has the keyboard. */
  private shellHeld = "";
  /** Live shell lines sent: the id a Ctrl-C is for (0: a replayed line still running). */
  private linesSent = 0;
  /** The session's log as the guest took it (the URL keeps it). */
  private log: SessionEvent[] = [];
  /** Replaying a link: replayed lines go into the history. */
  private replaying = false;
  private monitor = false;
  /** Where keys go: the mode asked for, before the guest has taken the switch (a Ctrl-C right after a
   * Ctrl-A c back to the shell is the command's). */
  private keysToMonitor = false;
  private exited = false;
  private shellPrompt = "~ # ";
  private tookPrompt = "~ # ";
  /** Requests that could not go yet (the mailbox holds one at a time). */
  private outbox: [RequestKind, string][] = [];
  private completion: ((r: [string[], string]) => void) | undefined;
  private readonly registerWaiters: ((text: string) => void)[] = [];
  /** Everything the guest's session wrote, as text (the edit line excluded). */
  transcript = "";

  constructor(
    host: HTMLElement,
    private readonly events: TerminalEvents,
  ) {
    const css = getComputedStyle(document.documentElement);
    this.term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
      fontSize: 14,
      // Room below the baseline: at 1.0 the DOM renderer clips underscores (my_rng_pci would read "my rng pci").
      lineHeight: 1.2,
      scrollback: 5000,
      // The DOM renderer (xterm's default) keeps the text in the page; screen-reader mode adds a live
      // region that announces new output.
      screenReaderMode: true,
      theme: themeFrom(css),
    });
    this.term.loadAddon(this.fit);
    this.term.open(host);
    this.fit.fit();
    new ResizeObserver(() => this.fit.fit()).observe(host);
    this.editor = new LineEditor(
      {
        write: (t) => this.term.write(t),
        submit: (line) => this.submit(line),
        complete: (line) => this.complete(line),
        interrupt: () => this.interrupt(),
        // Ctrl-D: the shell exits (the machine powers off); QEMU's monitor ignores it.
        eof: () => {
          if (!this.keysToMonitor) this.submit("exit");
        },
        toggleMonitor: () => this.toggleMonitor(),
      },
      this.shellPrompt,
      () => this.term.cols,
    );
    this.term.onData((data) => this.onData(data));
    // Tab completes in the shell, so the terminal keeps Tab; Escape hands the keyboard on to the panels.
    this.term.attachCustomKeyEventHandler((e) => {
      if (e.type === "keydown" && e.key === "Escape" && !e.ctrlKey && !e.altKey && !e.metaKey) {
        this.events.escape?.();
        return false;
      }
      return true;
    });
  }

  /** Follows the page's theme (light or dark). */
  retheme(): void {
    this.term.options.theme = themeFrom(getComputedStyle(document.documentElement));
  }

  focus(): void {
    this.term.focus();
  }

  /** Boots a fresh machine and guest, replaying a log first if given. */
  boot(o: BootOptions): void {
    this.worker?.terminate();
    this.term.reset();
    this.transcript = "";
    this.lineRunning = true;
    this.pending = 0;
    this.ctrlA = false;
    this.shellHeld = "";
    this.linesSent = 0;
    this.log = [];
    this.replaying = o.replay.length > 0;
    this.monitor = false;
    this.keysToMonitor = false;
    this.exited = false;
    this.outbox = [];
    this.editor.shown = false;
    this.editor.set("");
    this.editor.dropHeld();
    this.editor.pause();
    const w = new Worker(new URL("./guest-worker.ts", import.meta.url), { type: "module" });
    this.worker = w;
    let shared: { mailbox: SharedArrayBuffer; signals: SharedArrayBuffer } | undefined;
    if (globalThis.crossOriginIsolated) {
      this.mailbox = new Mailbox();
      const signals = new SharedArrayBuffer(4);
      this.flags = new Int32Array(signals);
      shared = { mailbox: this.mailbox.buffer, signals };
    } else {
      this.mailbox = undefined;
      this.flags = undefined;
    }
    w.onmessage = (e: MessageEvent<FromGuest>) => {
      if (w === this.worker) this.onGuest(e.data);
    };
    w.onerror = (e) => this.emit(`\nrnglab: the guest's worker failed: ${e.message}\n`);
    const msg: ToGuest = { type: "boot", machineArgs: o.machineArgs, driver: o.driver, profile: o.profile, replay: o.replay, shared };
    w.postMessage(msg);
  }

  /** A register access for the my_rng panel ("r ADDR", "w ADDR VALUE"); resolves with the answer. */
  register(text: string): Promise<string> {
    return new Promise((resolve) => {
      this.registerWaiters.push(resolve);
      this.send("register", text);
    });
  }

  /** The terminal's text as xterm holds it (scrollback and screen), trailing blanks trimmed. */
  bufferText(): string {
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) {
      const line = b.getLine(i);
      const text = line?.translateToString(true) ?? "";
      // A line the terminal wrapped at its width is one line of output.
      if (line?.isWrapped && lines.length) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length && lines[lines.length - 1] === "") lines.pop();
    return lines.join("\n");
  }

  private emit(text: string): void {
    if (!text) return;
    this.transcript += text;
    const shown = this.editor.shown;
    if (shown) this.editor.hide();
    this.term.write(text);
    if (shown) this.editor.show();
  }

  private onGuest(m: FromGuest): void {
    switch (m.type) {
      case "out":
        this.emit(m.text);
        break;
      case "job":
        this.emit(m.text);
        break;
      case "took":
        this.log.push(m.ev);
        this.events.log(this.log);
        if (m.ev.kind === "mode") {
          this.monitor = m.ev.text === "monitor";
          // A replayed switch moves the keys too; a live one already did when the key was pressed.
          if (this.replaying) this.keysToMonitor = this.monitor;
        }
        if (this.replaying && m.ev.kind === "line") this.editor.remember(m.ev.text);
        this.tookPrompt = m.prompt;
        this.emit(echoOf(m.ev, m.prompt));
        break;
      case "result": {
        // The prompt as it was when the guest took the request (a replay gets no idle messages between).
        this.emit(resultOf(m.ev, m.result, this.tookPrompt));
        if (m.ev.kind === "register") {
          this.events.registerRead?.(m.ev.text, m.result.output ?? "");
          // Only live requests have a waiter (a replay's come from the log).
          if (!this.replaying) this.registerWaiters.shift()?.(m.result.output ?? "");
        }
        if (m.ev.kind === "complete" && this.completion && m.result.completion) {
          this.completion(m.result.completion);
          this.completion = undefined;
        }
        break;
      }
      case "boot-failed":
        this.emit(m.text);
        this.emit("\n[the machine did not start: fix its options in the machine panel]\n");
        this.events.bootFailed?.();
        break;
      case "live":
        // A link's log ran out while its last command still runs: it goes on, and keys are live now.
        this.replaying = false;
        this.shellPrompt = m.prompt;
        this.lineRunning = m.foregroundRunning;
        this.settle();
        break;
      case "ready":
      case "idle": {
        this.shellPrompt = m.prompt;
        this.events.view(m.view);
        if (m.type === "ready") {
          this.replaying = false;
          this.lineRunning = false;
          this.pending = 0;
          this.events.ready({ bootMs: m.bootMs, replayMs: m.replayMs, nowNs: m.nowNs, notes: m.notes });
        } else {
          if (m.kind === "line") this.lineRunning = false;
          else if (m.kind !== "register" && this.pending > 0) this.pending--;
        }
        this.flush();
        if (m.exited) {
          this.exited = true;
          this.editor.hide();
          this.editor.dropHeld();
          this.emit("[the guest powered off: press Boot in the machine panel to start it again]\n");
          this.events.poweredOff?.();
          return;
        }
        this.settle();
        break;
      }
    }
  }

  /** Whether the editor takes keys: nothing in flight, and in the shell no line running. */
  private get editorActive(): boolean {
    return !this.exited && !this.replaying && this.pending === 0 && this.monitor === this.keysToMonitor && (this.monitor || !this.lineRunning);
  }

  /** Shows or hides the edit line for the state the guest is in, and lets held keys through. */
  private settle(): void {
    if (this.editorActive) {
      this.editor.prompt = this.monitor ? MONITOR_PROMPT : this.shellPrompt;
      if (!this.editor.shown) this.editor.show();
      this.editor.resume();
    } else if (this.lineRunning && !this.monitor && this.pending === 0) {
      this.editor.hide();
    }
  }

  private onData(data: string): void {
    if (this.exited) return;
    // QEMU's mux escape belongs to the terminal, whatever the guest or the editor is doing: Ctrl-A then c
    // switches between the shell and the monitor, in the order typed; Ctrl-A then anything else goes on.
    let segment = "";
    for (const ch of data) {
      if (this.ctrlA) {
        this.ctrlA = false;
        if (ch === "c") {
          this.keys(segment);
          segment = "";
          this.toggleMonitor();
          continue;
        }
        segment += `\x01${ch}`;
      } else if (ch === "\x01") this.ctrlA = true;
      else segment += ch;
    }
    this.keys(segment);
  }

  /** Keys (no escape among them) to the command that runs, or to the editor. */
  private keys(data: string): void {
    if (!data) return;
    if (this.lineRunning && !this.keysToMonitor) {
      // While a command runs, Ctrl-C is the tty's: SIGINT for the command, and the input queue flushed.
      const c = data.lastIndexOf("\x03");
      if (c >= 0) {
        if (this.flags) {
          this.editor.dropHeld();
          Atomics.store(this.flags, 0, this.linesSent + 1);
          data = data.slice(c + 1);
        } else {
          this.events.notice?.("Ctrl-C cannot reach a running command here: the page is not cross-origin isolated (see the README). Boot restarts the machine.");
          data = data.replace(/\x03/g, "");
        }
      }
    }
    if (data) this.editor.feed(data);
  }

  private send(kind: RequestKind, text: string): void {
    if (this.outbox.length || !this.post(kind, text)) this.outbox.push([kind, text]);
  }

  private post(kind: RequestKind, text: string): boolean {
    if (!this.worker) return false;
    if (this.mailbox) {
      if (!this.mailbox.put(KIND_CODES[kind], text)) return false;
      this.worker.postMessage({ type: "poke" } satisfies ToGuest);
      return true;
    }
    this.worker.postMessage({ type: "request", kind, text } satisfies ToGuest);
    return true;
  }

  private flush(): void {
    while (this.outbox.length) {
      const [kind, text] = this.outbox[0];
      if (!this.post(kind, text)) return;
      this.outbox.shift();
    }
  }

  private submit(line: string): void {
    this.editor.pause();
    if (this.keysToMonitor) {
      this.pending++;
      this.send("monitor", line);
    } else {
      this.lineRunning = true;
      this.linesSent++;
      this.send("line", line);
    }
  }

  private complete(lineToCursor: string): void {
    if (this.keysToMonitor) return;
    this.editor.pause();
    this.pending++;
    this.completion = ([hits, word]) => {
      if (hits.length === 1) this.editor.insert(hits[0].slice(word.length));
      else if (hits.length > 1) {
        // The candidates' common prefix is filled in, as busybox does.
        let common = hits[0];
        for (const h of hits) while (!h.startsWith(common)) common = common.slice(0, -1);
        if (common.length > word.length) this.editor.insert(common.slice(word.length));
      }
    };
    this.send("complete", lineToCursor);
  }

  private interrupt(): void {
    const line = this.editor.buffer;
    this.editor.set("");
    if (this.keysToMonitor) return;
    // At the prompt, Ctrl-C abandons the line: ash prints it with ^C and prompts again. It goes through the
    // session's log so a link shows it too.
    this.editor.hide();
    this.editor.pause();
    this.pending++;
    this.send("cancel", line);
  }

  private toggleMonitor(): void {
    if (this.replaying) return;
    // QEMU's mux takes the escape: the line being typed is dropped. Keys typed ahead for the shell wait
    // for the shell; the monitor starts with none.
    this.editor.set("");
    this.editor.hide();
    this.editor.pause();
    if (this.keysToMonitor) {
      this.editor.hold(this.shellHeld);
      this.shellHeld = "";
    } else this.shellHeld += this.editor.takeHeld();
    this.pending++;
    this.keysToMonitor = !this.keysToMonitor;
    this.send("mode", this.keysToMonitor ? "monitor" : "shell");
  }
}

function themeFrom(css: CSSStyleDeclaration) {
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { background: v("--term-bg", "#ffffff"), foreground: v("--term-fg", "#1b1b1b"), cursor: v("--term-fg", "#1b1b1b"), selectionBackground: v("--accent-soft", "#9ec5fe") };
}
