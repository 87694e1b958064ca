// Recursive-descent parser following ash's grammar (list / andor / pipeline / command / simplecmd).
import { ShellSyntaxError, type Node, type Redir, type Word } from "./ast.js";
import { Lexer, type OpTok, type Tok } from "./lexer.js";

const RESERVED = new Set(["!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi", "for", "if", "in", "then", "until", "while"]);
const LIST_END = new Set(["then", "do", "done", "elif", "else", "esac", "fi", "}"]);
const MAX_DEPTH = 400;

type ListMode = "top" | "compound" | "case";

/** Parses a whole script; throws ShellSyntaxError with ash's message text. */
export function parseScript(src: string, line = 1): Node {
  const p = new Parser(src, 0, line);
  return p.parseList("top");
}

function parseSubst(src: string, pos: number, line: number): { node: Node; end: number; line: number } {
  const p = new Parser(src, pos, line);
  const node = p.parseList("case");
  p.expectOp(")");
  return { node, end: p.lexer.pos, line: p.lexer.line };
}

function tokname(t: Tok): string {
  switch (t.k) {
    case "eof": return "end of file";
    case "redir": return "redirection";
    case "word": return RESERVED.has(t.w.raw) ? `"${t.w.raw}"` : "word";
    case "op": return t.op === "\n" ? "newline" : `"${t.op}"`;
  }
}

class Parser {
  readonly lexer: Lexer;
  private pushed: Tok | null = null;
  private depth = 0;

  constructor(src: string, pos: number, line: number) {
    this.lexer = new Lexer(src, pos, line, parseSubst, parseScript);
  }

  private peek(): Tok {
    if (!this.pushed) this.pushed = this.lexer.next();
    return this.pushed;
  }

  private next(): Tok {
    const t = this.peek();
    this.pushed = null;
    return t;
  }

  private unexpected(t: Tok, expecting?: string): never {
    const exp = expecting === undefined ? "" : ` (expecting ${expecting === "word" ? "word" : `"${expecting}"`})`;
    throw new ShellSyntaxError(`unexpected ${tokname(t)}${exp}`, t.line);
  }

  private isOp(t: Tok, op: OpTok): boolean {
    return t.k === "op" && t.op === op;
  }

  private isKw(t: Tok, kw: string): boolean {
    return t.k === "word" && t.w.raw === kw;
  }

  private skipNewlines(): void {
    while (this.isOp(this.peek(), "\n")) this.next();
  }

  expectOp(op: OpTok): void {
    const t = this.next();
    if (!this.isOp(t, op)) this.unexpected(t, op);
  }

  private expectKw(kw: string): void {
    const t = this.next();
    if (!this.isKw(t, kw)) this.unexpected(t, kw);
  }

  private isListEnd(t: Tok): boolean {
    return t.k === "eof" || this.isOp(t, ")") || this.isOp(t, ";;") || (t.k === "word" && LIST_END.has(t.w.raw));
  }

  parseList(mode: ListMode): Node {
    const items: { n: Node; bg: boolean }[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (mode === "top" && t.k === "eof") break;
      if (mode !== "top" && (items.length > 0 || mode === "case") && this.isListEnd(t)) break;
      const n = this.parseAndOr();
      const sep = this.peek();
      let bg = false;
      if (this.isOp(sep, "&")) { this.next(); bg = true; }
      else if (this.isOp(sep, ";") || this.isOp(sep, "\n")) this.next();
      else if (sep.k !== "eof") {
        if (mode === "top") this.unexpected(sep);
        items.push({ n, bg });
        break;
      }
      items.push({ n, bg });
    }
    if (items.length === 1 && !items[0].bg) return items[0].n;
    return { t: "list", items };
  }

  private parseAndOr(): Node {
    let n = this.parsePipeline();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, "&&") && !this.isOp(t, "||")) return n;
      this.next();
      this.skipNewlines();
      const b = this.parsePipeline();
      n = { t: t.k === "op" && t.op === "&&" ? "and" : "or", a: n, b };
    }
  }

  private parsePipeline(): Node {
    let neg = false;
    if (this.isKw(this.peek(), "!")) { this.next(); neg = true; }
    const cmds = [this.parseCommand()];
    while (this.isOp(this.peek(), "|")) {
      this.next();
      this.skipNewlines();
      cmds.push(this.parseCommand());
    }
    const n: Node = cmds.length > 1 ? { t: "pipe", cmds } : cmds[0];
    return neg ? { t: "not", n } : n;
  }

  private parseCommand(): Node {
    if (++this.depth > MAX_DEPTH) throw new ShellSyntaxError("too deeply nested", this.lexer.line);
    try {
      return this.parseCommandInner();
    } finally {
      this.depth--;
    }
  }

  private parseCommandInner(): Node {
    const t = this.next();
    let n: Node;
    if (t.k === "word" && !RESERVED.has(t.w.raw)) { this.pushed = t; return this.simpleCommand(); }
    if (t.k === "redir") { this.pushed = t; return this.simpleCommand(); }
    if (this.isKw(t, "if")) n = this.parseIf();
    else if (this.isKw(t, "while") || this.isKw(t, "until")) {
      const cond = this.parseList("compound");
      this.expectKw("do");
      const body = this.parseList("compound");
      this.expectKw("done");
      n = { t: "loop", until: this.isKw(t, "until"), cond, body };
    } else if (this.isKw(t, "for")) n = this.parseFor(t.line);
    else if (this.isKw(t, "case")) n = this.parseCase();
    else if (this.isKw(t, "{")) {
      n = this.parseList("compound");
      this.expectKw("}");
    } else if (this.isOp(t, "(")) {
      n = { t: "sub", body: this.parseList("compound"), redirs: [] };
      this.expectOp(")");
    } else this.unexpected(t);
    const redirs: Redir[] = [];
    while (this.peek().k === "redir") redirs.push(this.parseRedir());
    if (redirs.length === 0) return n;
    if (n.t === "sub") return { ...n, redirs };
    return { t: "redir", n, redirs };
  }

  private parseIf(): Node {
    const cond = this.parseList("compound");
    this.expectKw("then");
    const then = this.parseList("compound");
    const t = this.next();
    let els: Node | null = null;
    if (this.isKw(t, "elif")) return { t: "if", cond, then, else: this.parseIf() };
    if (this.isKw(t, "else")) els = this.parseList("compound");
    else this.pushed = t;
    this.expectKw("fi");
    return { t: "if", cond, then, else: els };
  }

  private parseFor(line: number): Node {
    const v = this.next();
    if (v.k !== "word" || v.w.quoted || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.w.raw)) {
      throw new ShellSyntaxError("bad for loop variable", v.line);
    }
    this.skipNewlines();
    let words: Word[] | null = null;
    if (this.isKw(this.peek(), "in")) {
      this.next();
      words = [];
      for (;;) {
        const t = this.next();
        if (t.k === "word") words.push(t.w);
        else if (this.isOp(t, ";") || this.isOp(t, "\n")) break;
        else this.unexpected(t);
      }
    } else if (this.isOp(this.peek(), ";")) this.next();
    this.skipNewlines();
    this.expectKw("do");
    const body = this.parseList("compound");
    this.expectKw("done");
    return { t: "for", name: v.w.raw, words, body, line };
  }

  private parseCase(): Node {
    const w = this.next();
    if (w.k !== "word") this.unexpected(w, "word");
    this.skipNewlines();
    this.expectKw("in");
    const items: { pats: Word[]; body: Node | null }[] = [];
    for (;;) {
      this.skipNewlines();
      let t = this.next();
      if (this.isKw(t, "esac")) break;
      if (this.isOp(t, "(")) t = this.next();
      const pats: Word[] = [];
      for (;;) {
        if (t.k !== "word") this.unexpected(t, "word");
        pats.push(t.w);
        t = this.next();
        if (!this.isOp(t, "|")) break;
        t = this.next();
      }
      if (!this.isOp(t, ")")) this.unexpected(t, ")");
      const body = this.parseList("case");
      const isEmpty = body.t === "list" && body.items.length === 0;
      items.push({ pats, body: isEmpty ? null : body });
      const e = this.next();
      if (this.isKw(e, "esac")) break;
      if (!this.isOp(e, ";;")) this.unexpected(e, ";;");
    }
    return { t: "case", word: w.w, items };
  }

  private parseRedir(): Redir {
    const r = this.next();
    if (r.k !== "redir") this.unexpected(r);
    const t = this.next();
    if (t.k !== "word") this.unexpected(t);
    return { fd: r.fd, op: r.op, target: t.w };
  }

  private simpleCommand(): Node {
    const line = this.peek().line;
    const assigns: Word[] = [];
    const args: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (t.k === "word") {
        this.next();
        if (args.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.w.raw)) assigns.push(t.w);
        else args.push(t.w);
      } else if (t.k === "redir") redirs.push(this.parseRedir());
      else if (this.isOp(t, "(") && args.length === 1 && assigns.length === 0 && redirs.length === 0) {
        this.next();
        this.expectOp(")");
        const name = args[0].raw;
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellSyntaxError("bad function name", t.line);
        this.skipNewlines();
        return { t: "func", name, body: this.parseCommand() };
      } else break;
    }
    return { t: "cmd", assigns, args, redirs, line };
  }
}
