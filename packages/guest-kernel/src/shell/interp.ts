// The shell: evaluates parse trees on top of ShellSyscalls (ash semantics, run deterministically in-process).
import { ShellSyntaxError, type Node, type Word } from "./ast.js";
import { BUILTINS, SPECIAL_BUILTINS, type ShellApi } from "./builtins.js";
import { ExitSignal, LoopSignal, ReturnSignal, ShellError } from "./errors.js";
import { caseMatch, Expander } from "./expand.js";
import { parseScript } from "./parser.js";
import { Redirector, type Frame } from "./redirect.js";
import { ENOENT, ENOTDIR, decodeUtf8, encodeUtf8, strerror, type ShellOptions, type ShellSyscalls } from "./sys.js";

interface Var { v: string; x: boolean }
interface State { vars: Map<string, Var>; params: string[]; cwd: string; opts: Set<string>; funcs: Map<string, Node> }

const MAX_EVAL_DEPTH = 200;

export class Shell implements ShellApi {
  private vars = new Map<string, Var>();
  private params: string[];
  private readonly arg0: string;
  private cwdPath = "/";
  private opts = new Set<string>();
  private funcs = new Map<string, Node>();
  private readonly redir: Redirector;
  private readonly exp: Expander;
  private lastStatus = 0;
  private backStatus = 0;
  private lastBg: number | undefined;
  private readonly jobs = new Map<number, number>();
  private nextJob = 1;
  private cmdName: string | null = null;
  private line = 1;
  private evalDepth = 0;
  loopDepth = 0;
  funcDepth = 0;
  private locals: Map<string, Var | undefined>[] = [];

  constructor(readonly sys: ShellSyscalls, opts: ShellOptions = {}) {
    for (const [k, v] of Object.entries(opts.env ?? {})) this.vars.set(k, { v, x: true });
    if (!this.vars.has("IFS")) this.vars.set("IFS", { v: " \t\n", x: false });
    const pwd = this.vars.get("PWD")?.v;
    if (pwd?.startsWith("/")) this.cwdPath = pwd;
    this.arg0 = opts.arg0 ?? "sh";
    this.params = [...(opts.args ?? [])];
    this.exp = new Expander({
      getVar: (n) => this.getVar(n),
      setVar: (n, v) => this.setVar(n, v),
      params: () => this.params,
      cmdSubst: (body) => this.cmdSubst(body),
      readdir: (p) => this.sys.readdir(p),
      cwd: () => this.cwdPath,
      fail: (msg) => { this.msg(msg); throw new ShellError(2); },
    });
    this.redir = new Redirector(sys, { msg: (t) => this.msg(t), abs: (p) => this.abs(p), expand: (w) => this.exp.str(w.parts) });
  }

  /** Set once `exit` ran: an interactive session ends there. */
  exited = false;

  /** Runs a script as `sh -c SCRIPT` would; returns the exit status. */
  run(script: string): number {
    try {
      return this.evalString(script) & 255;
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.exited = true;
        return e.status & 255;
      }
      if (e instanceof ShellError) return e.status & 255;
      if (e instanceof ReturnSignal) return e.status & 255;
      if (e instanceof LoopSignal) return this.lastStatus;
      if (e instanceof RangeError) { this.msg("out of stack space"); return 2; }
      throw e;
    }
  }

  /** Parses and evaluates a string in the current shell (eval, ., sh -c); syntax errors raise status 2. */
  evalString(src: string): number {
    let tree: Node;
    try {
      tree = parseScript(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      this.line = e.line;
      this.msg(`syntax error: ${e.message}`);
      throw new ShellError(2);
    }
    if (tree.t === "list" && tree.items.length === 0) return (this.lastStatus = 0);
    return this.eval(tree, false);
  }

  // ---- messages and I/O -------------------------------------------------------------------------

  /** Prints an error the way ash does: "sh: [cmd: line N: ]MSG". */
  msg(text: string): void {
    let prefix = `${this.arg0}: `;
    if (this.cmdName !== null) {
      if (this.cmdName !== this.arg0) prefix += `${this.cmdName}: `;
      prefix += `line ${this.line}: `;
    }
    this.write(2, `${prefix}${text}\n`);
  }

  write(fd: number, s: string): number {
    return this.sys.write(fd, encodeUtf8(s));
  }

  /** Reads one byte (for `read`); null at EOF or on error. */
  readByte(fd: number): number | null {
    const r = this.sys.read(fd, 1);
    if (typeof r === "number" || r.length === 0) return null;
    return r[0];
  }

  abs(path: string): string {
    if (path.startsWith("/") || path === "") return path;
    return (this.cwdPath.endsWith("/") ? this.cwdPath : this.cwdPath + "/") + path;
  }

  get cwd(): string { return this.cwdPath; }
  set cwd(p: string) { this.cwdPath = p; }
  get status(): number { return this.lastStatus; }
  get positional(): string[] { return this.params; }
  set positional(p: string[]) { this.params = p; }
  option(o: string): boolean { return this.opts.has(o); }
  setOption(o: string, on: boolean): void { if (on) this.opts.add(o); else this.opts.delete(o); }

  // ---- variables ----------------------------------------------------------------------------------

  getVar(name: string): string | undefined {
    switch (name) {
      case "?": return String(this.lastStatus);
      case "$": return String(this.sys.getpid());
      case "!": return this.lastBg === undefined ? undefined : String(this.lastBg);
      case "#": return String(this.params.length);
      case "0": return this.arg0;
      case "-": return [...this.opts].filter((o) => o.length === 1).join("");
      case "@": case "*": return this.params.join(name === "*" ? (this.vars.get("IFS")?.v ?? " ").slice(0, 1) : " ");
    }
    if (/^[0-9]+$/.test(name)) return this.params[Number(name) - 1];
    return this.vars.get(name)?.v;
  }

  setVar(name: string, value: string, exported?: boolean): void {
    const old = this.vars.get(name);
    this.vars.set(name, { v: value, x: exported ?? old?.x ?? this.opts.has("a") });
  }

  unsetVar(name: string): void { this.vars.delete(name); }
  unsetFunc(name: string): void { this.funcs.delete(name); }

  exportVar(name: string, value?: string): void {
    const old = this.vars.get(name);
    if (value !== undefined) this.vars.set(name, { v: value, x: true });
    else if (old) old.x = true;
    else this.vars.set(name, { v: "", x: true });
  }

  /** Makes a variable local to the running function. */
  makeLocal(name: string): void {
    const top = this.locals[this.locals.length - 1];
    if (top && !top.has(name)) { const v = this.vars.get(name); top.set(name, v && { ...v }); }
  }

  listVars(): [string, string, boolean][] {
    return [...this.vars.entries()].map(([k, v]): [string, string, boolean] => [k, v.v, v.x]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  envMap(extra: [string, string][] = []): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (v.x) env.set(k, v.v);
    for (const [k, v] of extra) env.set(k, v);
    return env;
  }

  // ---- jobs ---------------------------------------------------------------------------------------

  waitJob(pid?: number): number {
    if (pid === undefined) { this.jobs.clear(); return 0; }
    const st = this.jobs.get(pid);
    if (st === undefined) return 127;
    this.jobs.delete(pid);
    return st;
  }

  // ---- evaluation ---------------------------------------------------------------------------------

  /** Evaluates a node; `tested`: its status is tested (if/while conditions, && || operands, !), so set -e ignores it. */
  eval(n: Node, tested: boolean): number {
    if (++this.evalDepth > MAX_EVAL_DEPTH) {
      this.evalDepth = 0;
      this.msg("recursion too deep");
      throw new ShellError(2);
    }
    try {
      const st = this.evalInner(n, tested);
      this.lastStatus = st;
      if (st !== 0 && !tested && this.opts.has("e") && (n.t === "cmd" || n.t === "pipe" || n.t === "sub" || n.t === "redir")) {
        throw new ExitSignal(st);
      }
      return st;
    } finally {
      if (this.evalDepth > 0) this.evalDepth--;
    }
  }

  private evalInner(n: Node, tested: boolean): number {
    switch (n.t) {
      case "cmd": return this.evalCmd(n);
      case "list": {
        let st = 0;
        for (const it of n.items) st = it.bg ? this.background(it.n) : this.eval(it.n, tested);
        return st;
      }
      case "and": case "or": {
        const a = this.eval(n.a, true);
        if ((a === 0) === (n.t === "and")) return this.eval(n.b, tested);
        return a;
      }
      case "not": return this.eval(n.n, true) === 0 ? 1 : 0;
      case "pipe": return this.evalPipe(n.cmds);
      case "sub": return this.subshell(() => (this.redir.apply(n.redirs, this.redir.topFrame()) ? this.eval(n.body, tested) : 1));
      case "redir": {
        const frame: Frame = new Map();
        try {
          if (!this.redir.apply(n.redirs, frame)) return 1;
          return this.eval(n.n, tested);
        } finally { this.redir.restore(frame); }
      }
      case "if":
        if (this.eval(n.cond, true) === 0) return this.eval(n.then, tested);
        return n.else ? this.eval(n.else, tested) : 0;
      case "loop": return this.loop(() => this.eval(n.cond, true) === 0 !== n.until, n.body, tested);
      case "for": {
        const items = n.words === null ? [...this.params] : this.exp.fields(n.words);
        let i = 0;
        return this.loop(() => { if (i >= items.length) return false; this.setVar(n.name, items[i++]); return true; }, n.body, tested);
      }
      case "case": {
        const subject = this.exp.str(n.word.parts);
        for (const it of n.items) {
          if (it.pats.some((p) => caseMatch(this.exp.pattern(p.parts), subject))) return it.body ? this.eval(it.body, tested) : 0;
        }
        return 0;
      }
      case "func":
        this.funcs.set(n.name, n.body);
        return 0;
    }
  }

  private loop(cond: () => boolean, body: Node, tested: boolean): number {
    let st = 0;
    this.loopDepth++;
    try {
      while (cond()) {
        try {
          st = this.eval(body, tested);
        } catch (e) {
          if (!(e instanceof LoopSignal)) throw e;
          if (e.levels > 1) { e.levels--; throw e; }
          if (e.kind === "break") break;
        }
      }
    } finally { this.loopDepth--; }
    return st;
  }

  private background(n: Node): number {
    const pid = this.sys.getpid() + this.nextJob++;
    const st = this.subshell(() => this.eval(n, false));
    this.jobs.set(pid, st);
    this.lastBg = pid;
    return (this.lastStatus = 0);
  }

  private evalPipe(cmds: Node[]): number {
    let prev = -1;
    let st = 0;
    for (let i = 0; i < cmds.length; i++) {
      let p: [number, number] | null = null;
      if (i < cmds.length - 1) {
        const r = this.sys.pipe();
        if (typeof r === "number") {
          if (prev >= 0) this.sys.close(prev);
          this.msg(`can't create pipe: ${strerror(r)}`);
          throw new ShellError(2);
        }
        p = r;
      }
      const input = prev;
      st = this.subshell(() => {
        const fr = this.redir.topFrame();
        if (input >= 0) this.redir.moveFd(input, 0, fr);
        if (p) this.redir.moveFd(p[1], 1, fr);
        return this.eval(cmds[i], false);
      });
      prev = p ? p[0] : -1;
    }
    return st;
  }

  /** Runs `fn` as a subshell: variable, cwd and fd changes do not leak; exit only leaves the subshell. */
  subshell(fn: () => number): number {
    const saved: State = {
      vars: new Map([...this.vars].map(([k, v]) => [k, { ...v }])), params: [...this.params], cwd: this.cwdPath,
      opts: new Set(this.opts), funcs: new Map(this.funcs),
    };
    const savedLoop = this.loopDepth;
    const savedFunc = this.funcDepth;
    const frame: Frame = new Map();
    this.redir.subFrames.push(frame);
    try {
      return fn();
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof ShellError || e instanceof ReturnSignal) return e.status;
      if (e instanceof LoopSignal) return this.lastStatus;
      throw e;
    } finally {
      this.redir.subFrames.pop();
      this.redir.restore(frame);
      this.vars = saved.vars; this.params = saved.params; this.cwdPath = saved.cwd; this.opts = saved.opts; this.funcs = saved.funcs;
      this.loopDepth = savedLoop; this.funcDepth = savedFunc;
    }
  }

  private cmdSubst(body: Node): string {
    const p = this.sys.pipe();
    if (typeof p === "number") { this.msg(`can't create pipe: ${strerror(p)}`); throw new ShellError(2); }
    const [r, w] = p;
    this.backStatus = this.subshell(() => {
      this.redir.moveFd(w, 1, this.redir.topFrame());
      return this.eval(body, false);
    });
    const chunks: Uint8Array[] = [];
    for (;;) {
      const d = this.sys.read(r, 65536);
      if (typeof d === "number" || d.length === 0) break;
      chunks.push(d);
    }
    this.sys.close(r);
    const all = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
    let off = 0;
    for (const c of chunks) { all.set(c, off); off += c.length; }
    return decodeUtf8(all).replace(/\n+$/, "");
  }

  // ---- simple commands ----------------------------------------------------------------------------

  private evalCmd(n: Extract<Node, { t: "cmd" }>): number {
    this.line = n.line;
    this.backStatus = 0;
    const declaration = n.args.length > 0 && ["export", "local", "readonly"].includes(n.args[0].raw);
    const argv = declaration
      ? n.args.flatMap((w) => (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.raw) ? [this.exp.str(w.parts)] : this.exp.fields([w])))
      : this.exp.fields(n.args);
    const name = argv[0];
    const isExec = name === "exec";
    const special = name !== undefined && SPECIAL_BUILTINS.has(name);
    if (this.opts.has("x") && (argv.length > 0 || n.assigns.length > 0)) {
      this.write(2, `+ ${[...n.assigns.map((a) => a.raw), ...argv].join(" ")}\n`);
    }
    const permanent = isExec && argv.length === 1;
    const frame: Frame | null = permanent ? null : new Map();
    try {
      if (!this.redir.apply(n.redirs, frame)) {
        if (special) throw new ShellError(1);
        return 1;
      }
      const assigns = n.assigns.map((w): [string, string] => this.assignment(w));
      if (name === undefined) {
        for (const [k, v] of assigns) this.setVar(k, v);
        return this.backStatus;
      }
      if (isExec && argv.length > 1) {
        for (const [k, v] of assigns) this.exportVar(k, v);
        const st = this.spawn(argv.slice(1), [], "exec");
        throw new ExitSignal(st);
      }
      const fn = special ? undefined : this.funcs.get(name);
      if (fn) return this.withTempVars(assigns, () => this.callFunction(fn, argv.slice(1)));
      const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
      if (builtin) {
        const run = (): number => {
          const saved = this.cmdName;
          this.cmdName = name;
          try { return builtin(this, argv); } finally { this.cmdName = saved; }
        };
        if (special) { for (const [k, v] of assigns) this.setVar(k, v); return run(); }
        return this.withTempVars(assigns, run);
      }
      return this.spawn(argv, assigns, null);
    } finally {
      if (frame) this.redir.restore(frame);
    }
  }

  private assignment(w: Word): [string, string] {
    const eq = w.raw.indexOf("=");
    const name = w.raw.slice(0, eq);
    const parts = [...w.parts];
    const first = parts[0];
    if (first && first.t === "lit") parts[0] = { ...first, s: first.s.slice(eq + 1) };
    return [name, this.exp.str(parts)];
  }

  private withTempVars(assigns: [string, string][], fn: () => number): number {
    const saved = assigns.map(([k]): [string, Var | undefined] => [k, this.vars.get(k)]);
    for (const [k, v] of assigns) this.vars.set(k, { v, x: true });
    try { return fn(); } finally {
      for (const [k, old] of saved.reverse()) { if (old) this.vars.set(k, old); else this.vars.delete(k); }
    }
  }

  callFunction(body: Node, args: string[]): number {
    const savedParams = this.params;
    this.params = args;
    this.funcDepth++;
    this.locals.push(new Map());
    try {
      return this.eval(body, false);
    } catch (e) {
      if (e instanceof ReturnSignal) return (this.lastStatus = e.status);
      throw e;
    } finally {
      const locals = this.locals.pop() ?? new Map<string, Var | undefined>();
      for (const [k, v] of locals) { if (v) this.vars.set(k, v); else this.vars.delete(k); }
      this.funcDepth--;
      this.params = savedParams;
    }
  }

  /** Runs an external program; prints ash's "not found" message (status 127/126) if it cannot start. */
  spawn(argv: string[], assigns: [string, string][], via: string | null): number {
    const prog = argv[0].includes("/") ? this.abs(argv[0]) : argv[0];
    const st = this.sys.spawnWait([prog, ...argv.slice(1)], this.envMap(assigns));
    if (st >= 0) return st & 255;
    const saved = this.cmdName;
    this.cmdName = via;
    const text = st === -ENOENT || st === -ENOTDIR ? "not found" : strerror(st);
    this.msg(`${argv[0]}: ${text}`);
    this.cmdName = saved;
    return st === -ENOENT || st === -ENOTDIR ? 127 : 126;
  }
}
