// Word expansion: parameters, command substitution, arithmetic, field splitting and pathname globbing.
import type { Node, Part, Word } from "./ast.js";
import { ArithError, evalArith } from "./arith.js";
import { escapePattern, hasGlobChars, patternMatch, trimPattern, unescapePattern } from "./pattern.js";

/** What expansion needs from the shell. */
export interface ExpandHost {
  /** Value of a variable or special parameter (?, $, !, #, 0-9, @, *, -), or undefined if unset. */
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  /** The positional parameters $1... */
  params(): string[];
  /** Runs a command substitution's body; returns its output with trailing newlines removed. */
  cmdSubst(body: Node): string;
  readdir(path: string): string[] | number;
  /** Absolute path of the current directory. */
  cwd(): string;
  /** Reports an expansion error ("sh: MSG") and aborts the command. */
  fail(msg: string): never;
}

/** A piece of expanded text: `q` quoted (never split or globbed), `split` eligible for field splitting. */
interface Seg { s: string; q: boolean; split: boolean; atBreak?: boolean; atEmpty?: boolean }

const DEFAULT_IFS = " \t\n";

export class Expander {
  constructor(private readonly h: ExpandHost) {}

  /** Full expansion of command words: fields after splitting and globbing. */
  fields(words: Word[]): string[] {
    const out: string[] = [];
    for (const w of words) {
      for (const f of this.split(this.segs(w.parts))) {
        // "$@" with no parameters makes no field, even inside quotes.
        if (f.some((s) => s.atEmpty) && f.every((s) => s.s === "")) continue;
        out.push(...this.glob(f));
      }
    }
    return out;
  }

  /** Expansion to one string, without field splitting or globbing (assignments, redirection targets). */
  str(parts: Part[]): string {
    return this.segs(parts).map((s) => s.s).join("");
  }

  /** Expansion of a word as a shell pattern (case patterns, ${x#pat}): quoted text matches literally. */
  pattern(parts: Part[]): string {
    return this.segs(parts).map((s) => (s.q ? escapePattern(s.s) : s.s)).join("");
  }

  private segs(parts: Part[]): Seg[] {
    const out: Seg[] = [];
    for (const p of parts) this.part(p, out);
    return out;
  }

  private part(p: Part, out: Seg[]): void {
    switch (p.t) {
      case "lit":
        out.push({ s: p.s, q: p.q, split: false });
        return;
      case "cmd":
        out.push({ s: this.h.cmdSubst(p.body), q: p.q, split: !p.q });
        return;
      case "arith": {
        const e = this.str(p.expr);
        let v: bigint;
        try {
          v = evalArith(e, { get: (n) => this.h.getVar(n), set: (n, val) => this.h.setVar(n, val) });
        } catch (err) {
          if (err instanceof ArithError) this.h.fail(err.message);
          throw err;
        }
        out.push({ s: String(v), q: p.q, split: !p.q });
        return;
      }
      case "param":
        this.param(p, out);
        return;
    }
  }

  private param(p: Extract<Part, { t: "param" }>, out: Seg[]): void {
    const h = this.h;
    const { name, op, q } = p;
    if (name === "@" && q && op === "") {
      // "$@": one field per parameter; marked by an array seg boundary.
      const ps = h.params();
      ps.forEach((v, i) => out.push({ s: v, q: true, split: false, atBreak: i > 0 }));
      if (ps.length === 0) out.push({ s: "", q: false, split: false, atEmpty: true });
      return;
    }
    const val = h.getVar(name);
    const isSet = val !== undefined;
    const emit = (s: string): void => { out.push({ s, q, split: !q }); };
    const useWord = (): void => {
      const start = out.length;
      if (p.word) for (const wp of p.word) this.part(wp, out);
      for (let i = start; i < out.length; i++) if (!out[i].q) out[i].split = true;
    };
    switch (op) {
      case "": emit(val ?? ""); return;
      case "len": emit(String([...(val ?? "")].length)); return;
      case "-": case ":-":
        if (!isSet || (op === ":-" && val === "")) useWord(); else emit(val);
        return;
      case "+": case ":+":
        if (isSet && !(op === ":+" && val === "")) useWord();
        return;
      case "=": case ":=":
        if (!isSet || (op === ":=" && val === "")) {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) h.fail(`${name}: bad variable name`);
          const v = this.str(p.word ?? []);
          h.setVar(name, v);
          emit(v);
        } else emit(val);
        return;
      case "?": case ":?":
        if (!isSet || (op === ":?" && val === "")) {
          const msg = this.str(p.word ?? []);
          h.fail(`${name}: ${msg !== "" ? msg : op === "?" ? "parameter not set" : "parameter null or not set"}`);
        }
        emit(val ?? "");
        return;
      default:
        emit(trimPattern(val ?? "", this.pattern(p.word ?? []), op));
    }
  }

  /** Field splitting (POSIX/ash rules: IFS white space collapses, other IFS characters delimit). */
  private split(segs: Seg[]): Seg[][] {
    const ifsVar = this.h.getVar("IFS");
    const ifs = ifsVar ?? DEFAULT_IFS;
    const fields: Seg[][] = [];
    let cur: Seg[] = [];
    const present = (): boolean => cur.some((s) => s.s !== "" || s.q);
    for (const seg of segs) {
      if (seg.atBreak) { fields.push(cur); cur = []; }
      if (!seg.split || ifs === "") { cur.push(seg); continue; }
      const s = seg.s;
      let piece = "";
      let i = 0;
      while (i < s.length) {
        const c = s[i];
        if (!ifs.includes(c)) { piece += c; i++; continue; }
        const ws = DEFAULT_IFS.includes(c);
        i++;
        if (ws && piece === "" && !present()) continue;
        if (piece !== "") cur.push({ s: piece, q: false, split: false });
        fields.push(cur);
        cur = [];
        piece = "";
        let absorbed = !ws;
        while (i < s.length && ifs.includes(s[i])) {
          if (DEFAULT_IFS.includes(s[i])) i++;
          else if (!absorbed) { absorbed = true; i++; }
          else break;
        }
      }
      if (piece !== "") cur.push({ s: piece, q: false, split: false });
    }
    if (present()) fields.push(cur);
    return fields;
  }

  /** Pathname expansion of one field; no match leaves the word as is. */
  private glob(f: Seg[]): string[] {
    const text = f.map((s) => s.s).join("");
    if (!f.some((s) => !s.q && hasGlobChars(s.s))) return [text];
    const pat = f.map((s) => (s.q ? escapePattern(s.s) : s.s)).join("");
    const matches = this.expandPath(pat);
    if (matches.length === 0) return [text];
    return matches.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private expandPath(pat: string): string[] {
    const comps = pat.split("/");
    const abs = pat.startsWith("/");
    let results: string[] = [abs ? "/" : ""];
    const start = abs ? 1 : 0;
    let globbed = false;
    for (let k = start; k < comps.length; k++) {
      const c = comps[k];
      const last = k === comps.length - 1;
      const next: string[] = [];
      for (const prefix of results) {
        const join = (name: string): string => (prefix === "" || prefix.endsWith("/") ? prefix + name : prefix + "/" + name);
        if (c === "") { if (last) next.push(prefix.endsWith("/") ? prefix : prefix + "/"); else next.push(prefix); continue; }
        if (!hasGlobChars(c)) {
          const name = unescapePattern(c);
          if (globbed && !this.exists(prefix, name)) continue;
          next.push(join(name));
          continue;
        }
        const list = this.h.readdir(this.absDir(prefix));
        if (typeof list === "number") continue;
        const dotOk = c.startsWith(".") || c.startsWith("\\.");
        for (const name of list) {
          if (name === "." || name === "..") continue;
          if (name.startsWith(".") && !dotOk) continue;
          if (patternMatch(c, name, true)) next.push(join(name));
        }
      }
      if (hasGlobChars(c)) globbed = true;
      results = next;
      if (results.length === 0) return [];
    }
    return globbed ? results : [];
  }

  private absDir(prefix: string): string {
    if (prefix.startsWith("/")) return prefix;
    const cwd = this.h.cwd();
    if (prefix === "") return cwd;
    return (cwd.endsWith("/") ? cwd : cwd + "/") + prefix;
  }

  private exists(prefix: string, name: string): boolean {
    const list = this.h.readdir(this.absDir(prefix));
    return typeof list !== "number" && list.includes(name);
  }
}

/** Whole-string case/pattern match. */
export function caseMatch(pattern: string, subject: string): boolean {
  return patternMatch(pattern, subject);
}
