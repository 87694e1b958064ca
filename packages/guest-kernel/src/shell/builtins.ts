// Shell builtins (busybox ash's set for what the lab uses). They write through the shell's fds.
import { ExitSignal, LoopSignal, ReturnSignal, ShellError } from "./errors.js";
import { printfFormat } from "./printf.js";
import { testCommand } from "./testcmd.js";
import { decodeUtf8, strerror, O_RDONLY, type ShellSyscalls } from "./sys.js";

/** The part of the shell the builtins use. */
export interface ShellApi {
  readonly sys: ShellSyscalls;
  readonly status: number;
  cwd: string;
  positional: string[];
  loopDepth: number;
  funcDepth: number;
  msg(text: string): void;
  write(fd: number, s: string): number;
  readByte(fd: number): number | null;
  abs(path: string): string;
  option(o: string): boolean;
  setOption(o: string, on: boolean): void;
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  unsetVar(name: string): void;
  unsetFunc(name: string): void;
  exportVar(name: string, value?: string): void;
  makeLocal(name: string): void;
  listVars(): [string, string, boolean][];
  waitJob(pid?: number): number;
  evalString(src: string): number;
}

export type Builtin = (sh: ShellApi, argv: string[]) => number;

/** POSIX special builtins: their redirection/assignment errors end the shell; assignments persist. */
export const SPECIAL_BUILTINS = new Set([":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "unset"]);

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** busybox-style message from an applet ("sh: TEXT"). */
function bbMsg(sh: ShellApi, text: string): void {
  sh.write(2, `${sh.getVar("0") ?? "sh"}: ${text}\n`);
}

function out(sh: ShellApi, s: string): number {
  if (s === "") return 0;
  const r = sh.write(1, s);
  if (r < 0) { bbMsg(sh, `write error: ${strerror(r)}`); return 1; }
  return 0;
}

/** Parses a decimal count for exit/shift/break; ash raises "Illegal number" otherwise. */
function number(sh: ShellApi, s: string): number {
  if (!/^[0-9]+$/.test(s)) { sh.msg(`Illegal number: ${s}`); throw new ShellError(2); }
  return Number(s);
}

const quote = (v: string): string => `'${v.replace(/'/g, `'"'"'`)}'`;

function echo(sh: ShellApi, argv: string[]): number {
  let i = 1;
  let nl = true;
  let esc = false;
  while (i < argv.length && /^-[neE]+$/.test(argv[i])) {
    for (const c of argv[i].slice(1)) { if (c === "n") nl = false; else esc = c === "e"; }
    i++;
  }
  let s = "";
  for (let k = i; k < argv.length; k++) {
    if (k > i) s += " ";
    if (!esc) { s += argv[k]; continue; }
    const r = echoEscapes(argv[k]);
    s += r.text;
    if (r.stop) return out(sh, s);
  }
  return out(sh, nl ? s + "\n" : s);
}

function echoEscapes(a: string): { text: string; stop: boolean } {
  let t = "";
  for (let i = 0; i < a.length; i++) {
    const c = a[i];
    if (c !== "\\" || i + 1 >= a.length) { t += c; continue; }
    const n = a[++i];
    const simple: Record<string, string> = { a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
    if (n === "c") return { text: t, stop: true };
    if (simple[n] !== undefined) t += simple[n];
    else if (/[0-7]/.test(n)) {
      let j = n === "0" ? i + 1 : i;
      let v = 0;
      const end = j + 3;
      for (; j < end && j < a.length && /[0-7]/.test(a[j]); j++) v = v * 8 + Number(a[j]);
      t += String.fromCharCode(v & 255);
      i = j - 1;
    } else if (n === "x" && /[0-9a-fA-F]/.test(a[i + 1] ?? "")) {
      let j = i + 1;
      let h = "";
      for (; j < i + 3 && /[0-9a-fA-F]/.test(a[j] ?? ""); j++) h += a[j];
      t += String.fromCharCode(parseInt(h, 16));
      i = j - 1;
    } else t += "\\" + n;
  }
  return { text: t, stop: false };
}

function cd(sh: ShellApi, argv: string[]): number {
  let dest = argv[1];
  let print = false;
  if (dest === undefined) dest = sh.getVar("HOME") || "/";
  else if (dest === "-") { dest = sh.getVar("OLDPWD") ?? sh.cwd; print = true; }
  const path = normalize(sh.abs(dest));
  const r = sh.sys.readdir(path);
  if (typeof r === "number") { sh.msg(`can't cd to ${dest}: ${strerror(r)}`); return 2; }
  sh.exportVar("OLDPWD", sh.cwd);
  sh.cwd = path;
  sh.exportVar("PWD", path);
  return print ? out(sh, path + "\n") : 0;
}

function normalize(p: string): string {
  const parts: string[] = [];
  for (const c of p.split("/")) {
    if (c === "" || c === ".") continue;
    if (c === "..") parts.pop();
    else parts.push(c);
  }
  return "/" + parts.join("/");
}

function set(sh: ShellApi, argv: string[]): number {
  if (argv.length === 1) {
    return out(sh, sh.listVars().map(([k, v]) => `${k}=${quote(v)}\n`).join(""));
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") { i++; sh.positional = argv.slice(i); return 0; }
    if (a === "-" ) { sh.setOption("x", false); i++; break; }
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === "-";
    for (const c of a.slice(1)) {
      if (c === "o") {
        const name = argv[++i];
        const map: Record<string, string> = { errexit: "e", xtrace: "x", nounset: "u", allexport: "a", noglob: "f" };
        if (name === undefined || !Object.hasOwn(map, name)) { sh.msg(`illegal option ${on ? "-" : "+"}o ${name ?? ""}`); return 1; }
        sh.setOption(map[name], on);
      } else if ("eaxufvnC".includes(c)) sh.setOption(c, on);
      else { sh.msg(`illegal option ${a[0]}${c}`); throw new ShellError(2); }
    }
  }
  if (i < argv.length) sh.positional = argv.slice(i);
  return 0;
}

function read(sh: ShellApi, argv: string[]): number {
  let raw = false;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith("-") && argv[i] !== "-"; i++) {
    if (argv[i] === "-r") raw = true;
    else if (argv[i] === "-p") { sh.write(2, argv[++i] ?? ""); }
  }
  const names = argv.slice(i);
  if (names.length === 0) names.push("REPLY");
  const bytes: number[] = [];
  const literal: boolean[] = [];
  let eof = false;
  for (;;) {
    const b = sh.readByte(0);
    if (b === null) { eof = true; break; }
    if (b === 0x5c && !raw) {
      const n = sh.readByte(0);
      if (n === null) { eof = true; break; }
      if (n === 0x0a) continue;
      bytes.push(n); literal.push(true);
      continue;
    }
    if (b === 0x0a) break;
    bytes.push(b); literal.push(false);
  }
  const line = decodeUtf8(Uint8Array.from(bytes));
  const ifs = sh.getVar("IFS") ?? " \t\n";
  const isWs = (c: string): boolean => ifs.includes(c) && " \t\n".includes(c);
  let pos = 0;
  const skipWs = (): void => { while (pos < line.length && isWs(line[pos])) pos++; };
  skipWs();
  names.forEach((name, k) => {
    if (k === names.length - 1) {
      let rest = line.slice(pos);
      while (rest !== "" && isWs(rest[rest.length - 1])) rest = rest.slice(0, -1);
      sh.setVar(name, rest);
      return;
    }
    let v = "";
    while (pos < line.length && !ifs.includes(line[pos])) v += line[pos++];
    skipWs();
    if (pos < line.length && ifs.includes(line[pos]) && !isWs(line[pos])) { pos++; skipWs(); }
    sh.setVar(name, v);
  });
  return eof ? 1 : 0;
}

function loopCtl(kind: "break" | "continue"): Builtin {
  return (sh, argv) => {
    const n = argv[1] === undefined ? 1 : number(sh, argv[1]);
    if (n === 0) { sh.msg(`Illegal number: ${argv[1]}`); throw new ShellError(2); }
    if (sh.loopDepth === 0) return 0;
    throw new LoopSignal(kind, Math.min(n, sh.loopDepth));
  };
}

function dot(sh: ShellApi, argv: string[]): number {
  const file = argv[1];
  if (file === undefined) return 0;
  const fd = sh.sys.open(sh.abs(file), O_RDONLY);
  if (fd < 0) { sh.msg(`can't open '${file}': ${strerror(fd)}`); throw new ShellError(2); }
  const chunks: number[] = [];
  for (;;) {
    const d = sh.sys.read(fd, 65536);
    if (typeof d === "number" || d.length === 0) break;
    chunks.push(...d);
  }
  sh.sys.close(fd);
  return sh.evalString(decodeUtf8(Uint8Array.from(chunks)));
}

export const BUILTINS: Record<string, Builtin> = {
  ":": () => 0,
  true: () => 0,
  false: () => 1,
  echo,
  printf: (sh, argv) => {
    if (argv.length < 2) { bbMsg(sh, "usage: printf FORMAT [ARGUMENT]..."); return 1; }
    const r = printfFormat(argv[1], argv.slice(2));
    for (const e of r.errors) bbMsg(sh, e);
    const w = out(sh, r.text);
    return w !== 0 ? w : r.errors.length > 0 ? 1 : 0;
  },
  test: (sh, argv) => testCommand(sh, argv.slice(1), (m) => bbMsg(sh, m)),
  "[": (sh, argv) => {
    if (argv[argv.length - 1] !== "]") { bbMsg(sh, "missing ]"); return 2; }
    return testCommand(sh, argv.slice(1, -1), (m) => bbMsg(sh, m));
  },
  exit: (sh, argv) => { throw new ExitSignal(argv[1] === undefined ? sh.status : number(sh, argv[1]) & 255); },
  exec: () => 0,
  export: (sh, argv) => {
    if (argv.length === 1 || argv[1] === "-p") {
      return out(sh, sh.listVars().filter((v) => v[2]).map(([k, v]) => `export ${k}=${quote(v)}\n`).join(""));
    }
    for (const a of argv.slice(1)) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME_RE.test(name)) { sh.msg(`${name}: bad variable name`); throw new ShellError(2); }
      sh.exportVar(name, eq < 0 ? undefined : a.slice(eq + 1));
    }
    return 0;
  },
  unset: (sh, argv) => {
    let fn = false;
    for (const a of argv.slice(1)) {
      if (a === "-f") fn = true;
      else if (a === "-v") fn = false;
      else if (fn) sh.unsetFunc(a);
      else sh.unsetVar(a);
    }
    return 0;
  },
  local: (sh, argv) => {
    if (sh.funcDepth === 0) { sh.msg("not in a function"); return 2; }
    for (const a of argv.slice(1)) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      sh.makeLocal(name);
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
    }
    return 0;
  },
  set,
  shift: (sh, argv) => {
    const n = argv[1] === undefined ? 1 : number(sh, argv[1]);
    if (n > sh.positional.length) return 1;
    sh.positional = sh.positional.slice(n);
    return 0;
  },
  cd,
  pwd: (sh) => out(sh, sh.cwd + "\n"),
  read,
  wait: (sh, argv) => {
    let st = 0;
    if (argv.length === 1) return sh.waitJob();
    for (const a of argv.slice(1)) st = /^[0-9]+$/.test(a) ? sh.waitJob(Number(a)) : 127;
    return st;
  },
  eval: (sh, argv) => sh.evalString(argv.slice(1).join(" ")),
  ".": dot,
  break: loopCtl("break"),
  continue: loopCtl("continue"),
  return: (sh, argv) => { throw new ReturnSignal(argv[1] === undefined ? sh.status : number(sh, argv[1]) & 255); },
};

