// The terminal's line editor, as busybox's does it for ash (and readline for QEMU's monitor): keys as
// xterm.js delivers them (raw bytes and escape sequences) edit a line shown after the prompt. Pure: it
// writes to a sink and reports what the user asked for, so it is tested without a browser.

export interface LineEditorSink {
  /** Bytes for the terminal. */
  write(text: string): void;
  /** Enter: the line, without its newline. */
  submit(line: string): void;
  /** Tab: the line up to the cursor. */
  complete(lineToCursor: string): void;
  /** Ctrl-C. */
  interrupt(): void;
  /** Ctrl-D on an empty line. */
  eof(): void;
  /** Ctrl-A then c: QEMU's escape to the monitor and back. */
  toggleMonitor(): void;
}

const CSI_KEYS: Record<string, string> = {
  "\x1b[A": "up", "\x1b[B": "down", "\x1b[C": "right", "\x1b[D": "left", "\x1b[H": "home", "\x1b[F": "end",
  "\x1bOH": "home", "\x1bOF": "end", "\x1b[1~": "home", "\x1b[4~": "end", "\x1b[3~": "delete",
  "\x1bOA": "up", "\x1bOB": "down", "\x1bOC": "right", "\x1bOD": "left",
};

export class LineEditor {
  buffer = "";
  cursor = 0;
  readonly history: string[] = [];
  private histAt = 0;
  private draft = "";
  private escape = false;
  /** Whether the prompt and line are on screen (hidden while a command's output flows). */
  shown = false;

  constructor(
    private readonly sink: LineEditorSink,
    public prompt: string,
  ) {}

  /** The edit line: the prompt, the text, the cursor put back where it is in the text. */
  private draw(): void {
    const back = this.buffer.length - this.cursor;
    this.sink.write(`\r\x1b[K${this.prompt}${this.buffer}${back ? `\x1b[${back}D` : ""}`);
  }

  show(): void {
    this.shown = true;
    this.draw();
  }

  /** Takes the edit line off the screen (before output is written above it). */
  hide(): void {
    if (this.shown) this.sink.write("\r\x1b[K");
    this.shown = false;
  }

  /** Replaces the text (a completion, history). */
  set(text: string, cursor = text.length): void {
    this.buffer = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
    if (this.shown) this.draw();
  }

  /** Inserts at the cursor (a completion's remaining letters). */
  insert(text: string): void {
    this.set(this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor), this.cursor + text.length);
  }

  /** Feeds what xterm's onData delivered: typed keys, a paste, escape sequences. */
  feed(data: string): void {
    let i = 0;
    while (i < data.length) {
      const ch = data[i];
      if (ch === "\x1b") {
        if (this.escape) {
          // Ctrl-A then an arrow: Ctrl-A was Home.
          this.escape = false;
          this.key("home");
        }
        const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(data.slice(i));
        const seq = m ? m[0] : "\x1b";
        this.key(CSI_KEYS[seq] ?? "");
        i += seq.length;
        continue;
      }
      i++;
      if (this.escape) {
        this.escape = false;
        if (ch === "c") {
          this.sink.toggleMonitor();
          continue;
        }
        // Ctrl-A then anything else: Ctrl-A was Home, as in readline; then the key itself.
        this.key("home");
        if (ch === "\x01") continue;
      }
      switch (ch) {
        case "\r":
        case "\n":
          this.enter();
          break;
        case "\x7f":
        case "\b":
          if (this.cursor > 0) this.set(this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor), this.cursor - 1);
          break;
        case "\t":
          this.sink.complete(this.buffer.slice(0, this.cursor));
          break;
        case "\x03":
          this.sink.interrupt();
          break;
        case "\x04":
          if (this.buffer === "") this.sink.eof();
          else this.key("delete");
          break;
        case "\x01":
          this.escape = true;
          break;
        case "\x05":
          this.key("end");
          break;
        case "\x02":
          this.key("left");
          break;
        case "\x06":
          this.key("right");
          break;
        case "\x15":
          this.set(this.buffer.slice(this.cursor), 0);
          break;
        case "\x0b":
          this.set(this.buffer.slice(0, this.cursor));
          break;
        case "\x0c":
          this.sink.write("\x1b[H\x1b[2J");
          if (this.shown) this.draw();
          break;
        default:
          if (ch >= " ") this.insert(ch);
      }
    }
  }

  private key(name: string): void {
    switch (name) {
      case "left":
        if (this.cursor > 0) this.set(this.buffer, this.cursor - 1);
        break;
      case "right":
        if (this.cursor < this.buffer.length) this.set(this.buffer, this.cursor + 1);
        break;
      case "home":
        this.set(this.buffer, 0);
        break;
      case "end":
        this.set(this.buffer);
        break;
      case "delete":
        if (this.cursor < this.buffer.length) this.set(this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1), this.cursor);
        break;
      case "up":
        if (this.histAt > 0) {
          if (this.histAt === this.history.length) this.draft = this.buffer;
          this.histAt--;
          this.set(this.history[this.histAt]);
        }
        break;
      case "down":
        if (this.histAt < this.history.length) {
          this.histAt++;
          this.set(this.histAt === this.history.length ? this.draft : this.history[this.histAt]);
        }
        break;
    }
  }

  private enter(): void {
    const line = this.buffer;
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    this.histAt = this.history.length;
    this.draft = "";
    this.buffer = "";
    this.cursor = 0;
    this.hide();
    this.sink.submit(line);
  }
}
