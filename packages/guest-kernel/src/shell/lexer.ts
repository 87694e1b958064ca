// Tokenizer for the shell grammar: operators, redirections and words with their quoting/expansion parts.
import { ShellSyntaxError, type Node, type ParamOp, type Part, type RedirOp, type Word } from "./ast.js";

export type OpTok = ";" | "&" | "&&" | "||" | "|" | "(" | ")" | ";;" | "\n";
export type Tok =
  | { k: "word"; w: Word; line: number }
  | { k: "op"; op: OpTok; line: number }
  | { k: "redir"; fd: number; op: RedirOp; line: number }
  | { k: "eof"; line: number };

/** Parses a command substitution body starting at `pos` (just after "$("); returns the node and the index after ")". */
export type SubParser = (src: string, pos: number, line: number) => { node: Node; end: number; line: number };
/** Parses a whole script (backquote bodies). */
export type ScriptParser = (src: string, line: number) => Node;

const META = new Set([" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">"]);
const SPECIAL_PARAMS = "@*#?$!-";
const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

export class Lexer {
  pos: number;
  line: number;

  constructor(
    private readonly src: string,
    start: number,
    line: number,
    private readonly subParse: SubParser,
    private readonly scriptParse: ScriptParser,
  ) {
    this.pos = start;
    this.line = line;
  }

  private err(msg: string): never {
    throw new ShellSyntaxError(msg, this.line);
  }

  next(): Tok {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === " " || c === "\t") this.pos++;
      else if (c === "\\" && s[this.pos + 1] === "\n") { this.pos += 2; this.line++; }
      else if (c === "#") { while (this.pos < s.length && s[this.pos] !== "\n") this.pos++; }
      else break;
    }
    const line = this.line;
    if (this.pos >= s.length) return { k: "eof", line };
    const c = s[this.pos];
    const c2 = s[this.pos + 1];
    const op = (o: OpTok, n: number): Tok => { this.pos += n; if (o === "\n") this.line++; return { k: "op", op: o, line }; };
    switch (c) {
      case "\n": return op("\n", 1);
      case ";": return c2 === ";" ? op(";;", 2) : op(";", 1);
      case "&": return c2 === "&" ? op("&&", 2) : op("&", 1);
      case "|": return c2 === "|" ? op("||", 2) : op("|", 1);
      case "(": return op("(", 1);
      case ")": return op(")", 1);
      case "<": case ">": return this.redir(c === "<" ? 0 : 1, line);
    }
    const w = this.readWord();
    const n = s[this.pos];
    if ((n === "<" || n === ">") && /^[0-9]+$/.test(w.raw)) return this.redir(Number(w.raw), line);
    return { k: "word", w, line };
  }

  private redir(fd: number, line: number): Tok {
    const s = this.src;
    const c = s[this.pos];
    const c2 = s[this.pos + 1];
    let op: RedirOp;
    if (c === "<") {
      if (c2 === "<") this.err("here-documents are not supported");
      op = c2 === "&" ? "<&" : c2 === ">" ? "<>" : "<";
    } else {
      op = c2 === ">" ? ">>" : c2 === "&" ? ">&" : c2 === "|" ? ">|" : ">";
    }
    this.pos += op.length;
    if (fd > 0x7fffffff) this.err("bad fd number");
    return { k: "redir", fd, op, line };
  }

  private readWord(): Word {
    const s = this.src;
    const start = this.pos;
    const parts: Part[] = [];
    let quoted = false;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (META.has(c)) break;
      if (c === "'") {
        quoted = true;
        lit(parts, this.readSingle(), true);
      } else if (c === '"') {
        quoted = true;
        lit(parts, "", true);
        this.pos++;
        this.readDq(parts, '"');
      } else if (c === "\\") {
        const n = s[this.pos + 1];
        if (n === "\n") { this.pos += 2; this.line++; continue; }
        if (n === undefined) { lit(parts, "\\", false); this.pos++; continue; }
        quoted = true;
        lit(parts, n, true);
        this.pos += 2;
      } else if (c === "$") this.readDollar(parts, false);
      else if (c === "`") this.readBackq(parts, false);
      else { lit(parts, c, false); this.pos++; }
    }
    return { parts, raw: s.slice(start, this.pos), quoted };
  }

  private readSingle(): string {
    const s = this.src;
    const end = s.indexOf("'", this.pos + 1);
    if (end < 0) this.err("unterminated quoted string");
    const text = s.slice(this.pos + 1, end);
    this.line += text.split("\n").length - 1;
    this.pos = end + 1;
    return text;
  }

  /** Double-quoted text up to `close` (or, with close "", to the end of the source). */
  private readDq(parts: Part[], close: string): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) {
        if (close === "") return;
        this.err("unterminated quoted string");
      }
      if (c === close) { this.pos++; return; }
      if (c === "\\") {
        const n = s[this.pos + 1];
        if (n === "\n") { this.pos += 2; this.line++; continue; }
        if (n === "$" || n === "`" || n === '"' || n === "\\") { lit(parts, n, true); this.pos += 2; continue; }
        lit(parts, "\\", true);
        this.pos++;
      } else if (c === "$") this.readDollar(parts, true);
      else if (c === "`") this.readBackq(parts, true);
      else { if (c === "\n") this.line++; lit(parts, c, true); this.pos++; }
    }
  }

  private readDollar(parts: Part[], q: boolean): void {
    const s = this.src;
    const c = s[this.pos + 1];
    if (c === "{") { this.pos += 2; this.readBrace(parts, q); return; }
    if (c === "(") {
      if (s[this.pos + 2] === "(") {
        const end = findArithEnd(s, this.pos + 3);
        if (end >= 0) {
          const inner = new Lexer(s.slice(this.pos + 3, end), 0, this.line, this.subParse, this.scriptParse);
          const expr: Part[] = [];
          inner.readDq(expr, "");
          this.line = inner.line;
          this.pos = end + 2;
          parts.push({ t: "arith", expr, q });
          return;
        }
      }
      const r = this.subParse(s, this.pos + 2, this.line);
      this.pos = r.end;
      this.line = r.line;
      parts.push({ t: "cmd", body: r.node, q });
      return;
    }
    if (c !== undefined && (SPECIAL_PARAMS.includes(c) || isDigit(c))) {
      this.pos += 2;
      parts.push({ t: "param", name: c, op: "", word: null, q });
      return;
    }
    if (isNameStart(c)) {
      let e = this.pos + 1;
      while (isNameChar(s[e])) e++;
      parts.push({ t: "param", name: s.slice(this.pos + 1, e), op: "", word: null, q });
      this.pos = e;
      return;
    }
    lit(parts, "$", q);
    this.pos++;
  }

  private readName(): string {
    const s = this.src;
    const c = s[this.pos];
    let e = this.pos;
    if (isNameStart(c)) { while (isNameChar(s[e])) e++; }
    else if (isDigit(c)) { while (isDigit(s[e])) e++; }
    else if (c !== undefined && SPECIAL_PARAMS.includes(c)) e++;
    else this.err("bad substitution");
    const name = s.slice(this.pos, e);
    this.pos = e;
    return name;
  }

  private readBrace(parts: Part[], q: boolean): void {
    const s = this.src;
    if (s[this.pos] === "#" && s[this.pos + 1] !== "}") {
      this.pos++;
      const name = this.readName();
      if (s[this.pos] !== "}") this.err("bad substitution");
      this.pos++;
      parts.push({ t: "param", name, op: "len", word: null, q });
      return;
    }
    const name = this.readName();
    if (s[this.pos] === "}") {
      this.pos++;
      parts.push({ t: "param", name, op: "", word: null, q });
      return;
    }
    let op: ParamOp;
    const c = s[this.pos];
    const c2 = s[this.pos + 1];
    if (c === ":" && c2 !== undefined && "-=+?".includes(c2)) op = (":" + c2) as ParamOp;
    else if (c !== undefined && "-=+?".includes(c)) op = c as ParamOp;
    else if (c === "#" || c === "%") op = (c2 === c ? c + c : c) as ParamOp;
    else this.err(c === undefined ? "missing '}'" : "bad substitution");
    this.pos += op.length;
    const pattern = op.startsWith("#") || op.startsWith("%");
    parts.push({ t: "param", name, op, word: this.readBraceWord(pattern ? false : q), q });
  }

  /** The word of ${x<op>word}, up to the matching "}". */
  private readBraceWord(q: boolean): Part[] {
    const s = this.src;
    const parts: Part[] = [];
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) this.err("missing '}'");
      if (c === "}") { this.pos++; return parts; }
      if (c === "'" && !q) lit(parts, this.readSingle(), true);
      else if (c === '"') {
        lit(parts, "", true);
        this.pos++;
        this.readDq(parts, '"');
      } else if (c === "\\") {
        const n = s[this.pos + 1];
        if (n === undefined) this.err("missing '}'");
        if (n === "\n") { this.pos += 2; this.line++; continue; }
        if (q && !"$`\"\\}".includes(n)) lit(parts, "\\", true);
        lit(parts, n, true);
        this.pos += 2;
      } else if (c === "$") this.readDollar(parts, q);
      else if (c === "`") this.readBackq(parts, q);
      else { if (c === "\n") this.line++; lit(parts, c, q); this.pos++; }
    }
  }

  private readBackq(parts: Part[], q: boolean): void {
    const s = this.src;
    const startLine = this.line;
    let text = "";
    this.pos++;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) this.err("EOF in backquote substitution");
      if (c === "`") { this.pos++; break; }
      if (c === "\\") {
        const n = s[this.pos + 1];
        if (n === "$" || n === "`" || n === "\\" || (q && n === '"')) { text += n; this.pos += 2; continue; }
        if (n === "\n") { this.pos += 2; this.line++; continue; }
      }
      if (c === "\n") this.line++;
      text += c;
      this.pos++;
    }
    parts.push({ t: "cmd", body: this.scriptParse(text, startLine), q });
  }
}

function lit(parts: Part[], s: string, q: boolean): void {
  const last = parts[parts.length - 1];
  if (last && last.t === "lit" && last.q === q) last.s += s;
  else parts.push({ t: "lit", s, q });
}

/** Index of the "))" closing "$((" whose body starts at `from`, or -1 (then it is "$( (...) )"). */
function findArithEnd(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) return s[i + 1] === ")" ? i : -1;
      depth--;
    }
  }
  return -1;
}
