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
  /** While paused (a request is in flight), keys wait here in order, as a tty's input queue holds them. */
  private held = "";
  private paused = false;
  /** The screen row of the cursor within the edit line at the last draw (the line wraps at the width). */
  private cursorRow = 0;

  constructor(
    private readonly sink: LineEditorSink,
    public prompt: string,
    /** The terminal's width in columns (the edit line wraps at it). */
    private readonly columns: () => number = () => Infinity,
  ) {}

  /** Rows above the cursor's, back to the edit line's first: where a redraw starts. */
  private toStart(): string {
    return `${this.cursorRow ? `\x1b[${this.cursorRow}A` : ""}\r\x1b[J`;
  }

  /** The edit line: the prompt, the text (wrapping over rows), the cursor put back where it is in the text. */
  private draw(): void {
    const cols = Math.max(1, this.columns());
    const text = `${this.prompt}${this.buffer}`;
    const at = this.prompt.length + this.cursor;
    // After writing `text` the terminal's cursor sits at its end; at an exact multiple of the width it
    // waits at the last column (pending wrap), on the row before.
    const endRow = text.length > 0 && text.length % cols === 0 ? text.length / cols - 1 : Math.floor(text.length / cols);
    const endCol = text.length > 0 && text.length % cols === 0 ? cols - 1 : text.length % cols;
    const row = Math.floor(at / cols);
    const col = at % cols;
    let move = "";
    if (row > endRow) {
      // The cursor is at the end of a full last row: the terminal's pending wrap shows it at the last
      // column and the next key wraps (a newline here would split the line in the scrollback).
      this.sink.write(`${this.toStart()}${text}`);
      this.cursorRow = endRow;
      return;
    }
    if (row < endRow) move += `\x1b[${endRow - row}A`;
    if (col !== endCol) move += `\x1b[${col + 1}G`;
    this.sink.write(`${this.toStart()}${text}${move}`);
    this.cursorRow = row;
  }

  show(): void {
    this.cursorRow = 0;
    this.shown = true;
    this.draw();
  }

  /** Takes the edit line off the screen (before output is written where it was). */
  hide(): void {
    if (this.shown) this.sink.write(this.toStart());
    this.cursorRow = 0;
    this.shown = false;
  }

  /** Holds keys from now on (a line, completion or monitor request is in flight). */
  pause(): void {
    this.paused = true;
  }

  /** Takes keys again, first those held meanwhile. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    const keys = this.held;
    this.held = "";
    if (keys) this.feed(keys);
  }

  /** Takes the keys held away (they were for another reader: the shell, while the monitor has the keys). */
  takeHeld(): string {
    const keys = this.held;
    this.held = "";
    return keys;
  }

  /** Gives back keys to hold (in front of any held since). */
  hold(keys: string): void {
    this.held = keys + this.held;
  }

  /** Drops the keys held (Ctrl-C flushes a tty's input queue). */
  dropHeld(): void {
    this.held = "";
  }

  /** Replaces the text (a completion, history). */
  set(text: string, cursor = text.length): void {
    this.buffer = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
    if (this.shown) this.draw();
  }

  /** Adds a line to the history (a replayed session's lines, so Up recalls them). */
  remember(line: string): void {
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    this.histAt = this.history.length;
  }

  /** Inserts at the cursor (a completion's remaining letters). */
  insert(text: string): void {
    this.set(this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor), this.cursor + text.length);
  }

  /**
   * Feeds what xterm's onData delivered: typed keys, a paste, escape sequences. A key that sends a request
   * (Enter, Tab, Ctrl-A c) may pause the editor: the rest of the data waits for resume().
   */
  feed(data: string): void {
    if (this.paused) {
      this.held += data;
      return;
    }
    let i = 0;
    while (i < data.length) {
      if (this.paused) {
        this.held += data.slice(i);
        return;
      }
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
    this.remember(line);
    this.draft = "";
    this.buffer = "";
    this.cursor = 0;
    this.hide();
    this.sink.submit(line);
  }
}
