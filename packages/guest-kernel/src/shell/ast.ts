// Parse tree of the shell grammar (modelled on ash's node types).

/** One piece of a word. `q` marks text that came from quotes (no field splitting, no globbing). */
export type Part =
  | { t: "lit"; s: string; q: boolean }
  | { t: "param"; name: string; op: ParamOp; word: Part[] | null; q: boolean }
  | { t: "cmd"; body: Node; q: boolean }
  | { t: "arith"; expr: Part[]; q: boolean };

/** "" plain, "len" ${#x}, or an operator of ${x<op>word}. */
export type ParamOp = "" | "len" | "-" | ":-" | "=" | ":=" | "+" | ":+" | "?" | ":?" | "#" | "##" | "%" | "%%";

export interface Word {
  parts: Part[];
  /** The word's source text (for messages and assignment detection). */
  raw: string;
  /** True if any part of the word was quoted (so an empty result still makes a field). */
  quoted: boolean;
}

export type RedirOp = "<" | ">" | ">>" | "<>" | ">|" | "<&" | ">&";

export interface Redir {
  fd: number;
  op: RedirOp;
  target: Word;
}

export type Node =
  | { t: "cmd"; assigns: Word[]; args: Word[]; redirs: Redir[]; line: number }
  | { t: "pipe"; cmds: Node[] }
  | { t: "not"; n: Node }
  | { t: "and" | "or"; a: Node; b: Node }
  | { t: "list"; items: { n: Node; bg: boolean }[] }
  | { t: "sub"; body: Node; redirs: Redir[] }
  | { t: "redir"; n: Node; redirs: Redir[] }
  | { t: "if"; cond: Node; then: Node; else: Node | null }
  | { t: "loop"; until: boolean; cond: Node; body: Node }
  | { t: "for"; name: string; words: Word[] | null; body: Node; line: number }
  | { t: "case"; word: Word; items: { pats: Word[]; body: Node | null }[] }
  | { t: "func"; name: string; body: Node };

/** A syntax error; `message` is ash's text after "syntax error: ". */
export class ShellSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = "ShellSyntaxError";
  }
}
