// An in-memory fake of the guest OS for the shell's tests: files, dirs, char devices, fd tables with shared
// open-file descriptions, pipes with unbounded buffers, and a few fake programs.
import { Shell } from "./interp.js";
import { decodeUtf8, encodeUtf8, O_APPEND, O_CREAT, O_TRUNC, type ShellOptions, type ShellSyscalls } from "./sys.js";

const ENOENT = 2, EBADF = 9, EAGAIN = 11, EACCES = 13, ENOTDIR = 20, EISDIR = 21, EMFILE = 24;
const MAX_FDS = 256;

export type FsNode =
  | { kind: "file"; data: Uint8Array; readonly?: boolean }
  | { kind: "dir" }
  | { kind: "exe"; prog: string }
  | { kind: "chr"; major: number; minor: number; opens: number; content?: string };

interface Pipe { buf: number[]; writers: number }
type Desc = { refs: number; flags: number } & (
  | { kind: "file"; node: FsNode; pos: number }
  | { kind: "pipe-r" | "pipe-w"; pipe: Pipe }
  | { kind: "sink"; chunks: number[] }
  | { kind: "src"; data: Uint8Array; pos: number }
);
type FdTable = Map<number, Desc>;

export interface Proc {
  argv: string[];
  env: ReadonlyMap<string, string>;
  os: FakeOS;
  fds: FdTable;
  out(s: string): void;
  err(s: string): void;
  /** Whole remaining content of an fd (stdin by default). */
  readAll(fd?: number): string;
}
export type Program = (p: Proc) => number;

export function normPath(p: string): string {
  const parts: string[] = [];
  for (const c of p.split("/")) { if (c === "" || c === ".") continue; if (c === "..") parts.pop(); else parts.push(c); }
  return "/" + parts.join("/");
}

export class FakeOS implements ShellSyscalls {
  readonly fs = new Map<string, FsNode>([["/", { kind: "dir" }]]);
  readonly programs = new Map<string, Program>();
  readonly stdout: Desc & { kind: "sink" } = { kind: "sink", chunks: [], refs: 0, flags: 1 };
  readonly stderr: Desc & { kind: "sink" } = { kind: "sink", chunks: [], refs: 0, flags: 1 };
  fds: FdTable = new Map();
  /** argv of every spawn, in order. */
  readonly spawned: string[][] = [];
  /** fds open in each spawned child, in order. */
  readonly childFds: number[][] = [];

  constructor(stdin = "") {
    this.install(0, { kind: "src", data: encodeUtf8(stdin), pos: 0, refs: 0, flags: 0 });
    this.install(1, this.stdout);
    this.install(2, this.stderr);
    for (const d of ["/bin", "/dev", "/tmp", "/sys", "/proc"]) this.mkdir(d);
    for (const [name, prog] of Object.entries(PROGRAMS)) this.addProgram(name, prog);
  }

  get out(): string { return decodeUtf8(Uint8Array.from(this.stdout.chunks)); }
  get err(): string { return decodeUtf8(Uint8Array.from(this.stderr.chunks)); }

  mkdir(path: string): void {
    const p = normPath(path);
    const parent = p.slice(0, p.lastIndexOf("/")) || "/";
    if (p !== "/" && !this.fs.has(parent)) this.mkdir(parent);
    this.fs.set(p, { kind: "dir" });
  }
  writeFile(path: string, content: string, readonly = false): void {
    const p = normPath(path);
    this.mkdir(p.slice(0, p.lastIndexOf("/")) || "/");
    this.fs.set(p, { kind: "file", data: encodeUtf8(content), readonly });
  }
  readFile(path: string): string | undefined {
    const n = this.fs.get(normPath(path));
    return n?.kind === "file" ? decodeUtf8(n.data) : undefined;
  }
  addProgram(name: string, prog: Program, dir = "/bin"): void {
    this.programs.set(name, prog);
    this.fs.set(`${dir}/${name}`, { kind: "exe", prog: name });
  }
  /** Open fds of the shell process. */
  openFds(): number[] { return [...this.fds.keys()].sort((a, b) => a - b); }

  private install(fd: number, d: Desc, table = this.fds): void {
    d.refs++;
    if (d.kind === "pipe-w") d.pipe.writers++;
    table.set(fd, d);
  }
  private release(d: Desc): void {
    d.refs--;
    if (d.kind === "pipe-w") d.pipe.writers--;
    if (d.refs === 0 && d.kind === "file" && d.node.kind === "chr") d.node.opens--;
  }
  private lowestFree(min: number, table = this.fds): number {
    let fd = min;
    while (table.has(fd)) fd++;
    return fd < MAX_FDS ? fd : -EMFILE;
  }

  // ---- ShellSyscalls ----------------------------------------------------------------------------
  open(path: string, flags: number, _mode?: number): number { return this.openIn(this.fds, path, flags); }

  openIn(table: FdTable, path: string, flags: number): number {
    const p = normPath(path);
    let node = this.fs.get(p);
    const acc = flags & 3;
    if (!node) {
      const parent = this.fs.get(p.slice(0, p.lastIndexOf("/")) || "/");
      if (!parent) return -ENOENT;
      if (parent.kind !== "dir") return -ENOTDIR;
      if (!(flags & O_CREAT)) return -ENOENT;
      node = { kind: "file", data: new Uint8Array(0) };
      this.fs.set(p, node);
    }
    if (node.kind === "dir" && acc !== 0) return -EISDIR;
    if (node.kind === "file" && node.readonly && acc !== 0) return -EACCES;
    if (node.kind === "file" && flags & O_TRUNC) node.data = new Uint8Array(0);
    const fd = this.lowestFree(0, table);
    if (fd < 0) return fd;
    if (node.kind === "chr") node.opens++;
    this.install(fd, { kind: "file", node, pos: 0, refs: 0, flags }, table);
    return fd;
  }

  close(fd: number): number {
    const d = this.fds.get(fd);
    if (!d) return -EBADF;
    this.fds.delete(fd);
    this.release(d);
    return 0;
  }

  dup2(oldfd: number, newfd: number): number {
    const d = this.fds.get(oldfd);
    if (!d || newfd < 0 || newfd >= MAX_FDS) return -EBADF;
    if (oldfd === newfd) return newfd;
    if (this.fds.has(newfd)) this.close(newfd);
    this.install(newfd, d);
    return newfd;
  }

  fcntlDupfd(fd: number, min: number): number {
    const d = this.fds.get(fd);
    if (!d) return -EBADF;
    const n = this.lowestFree(min);
    if (n < 0) return n;
    this.install(n, d);
    return n;
  }

  read(fd: number, max: number, table = this.fds): Uint8Array | number {
    const d = table.get(fd);
    if (!d || (d.flags & 3) === 1) return -EBADF;
    switch (d.kind) {
      case "src": { const r = d.data.slice(d.pos, d.pos + max); d.pos += r.length; return r; }
      case "pipe-r": {
        if (d.pipe.buf.length === 0) return d.pipe.writers > 0 ? -EAGAIN : new Uint8Array(0);
        return Uint8Array.from(d.pipe.buf.splice(0, max));
      }
      case "file": {
        const n = d.node;
        if (n.kind === "dir") return -EISDIR;
        const data = n.kind === "file" ? n.data : n.kind === "chr" ? encodeUtf8(n.content ?? "") : new Uint8Array(0);
        const r = data.slice(d.pos, d.pos + max);
        d.pos += r.length;
        return r;
      }
      default: return -EBADF;
    }
  }

  write(fd: number, data: Uint8Array, table = this.fds): number {
    const d = table.get(fd);
    if (!d || (d.kind !== "sink" && (d.flags & 3) === 0)) return -EBADF;
    if (d.kind === "sink") d.chunks.push(...data);
    else if (d.kind === "pipe-w") d.pipe.buf.push(...data);
    else if (d.kind === "file" && d.node.kind === "file") {
      const n = d.node;
      if (d.flags & O_APPEND) d.pos = n.data.length;
      const nd = new Uint8Array(Math.max(n.data.length, d.pos + data.length));
      nd.set(n.data);
      nd.set(data, d.pos);
      n.data = nd;
      d.pos += data.length;
    } else if (d.kind !== "file") return -EBADF;
    return data.length;
  }

  pipe(): [number, number] | number {
    const pipe: Pipe = { buf: [], writers: 0 };
    const r = this.lowestFree(0);
    if (r < 0) return r;
    this.install(r, { kind: "pipe-r", pipe, refs: 0, flags: 0 });
    const w = this.lowestFree(0);
    if (w < 0) { this.close(r); return w; }
    this.install(w, { kind: "pipe-w", pipe, refs: 0, flags: 1 });
    return [r, w];
  }

  spawnWait(argv: string[], env: ReadonlyMap<string, string>): number {
    this.spawned.push([...argv]);
    let node: FsNode | undefined;
    if (argv[0].includes("/")) node = this.fs.get(normPath(argv[0]));
    else {
      for (const dir of (env.get("PATH") ?? "/bin").split(":")) {
        node = this.fs.get(normPath(`${dir}/${argv[0]}`));
        if (node) break;
      }
    }
    if (!node) return -ENOENT;
    if (node.kind !== "exe") return node.kind === "dir" ? -EACCES : -EACCES;
    const prog = this.programs.get(node.prog);
    if (!prog) return -ENOENT;
    const table: FdTable = new Map();
    for (const [fd, d] of this.fds) this.install(fd, d, table);
    this.childFds.push([...table.keys()].sort((a, b) => a - b));
    const os: FakeOS = this as FakeOS;
    const proc: Proc = {
      argv, env, os, fds: table,
      out: (s) => { os.write(1, encodeUtf8(s), table); },
      err: (s) => { os.write(2, encodeUtf8(s), table); },
      readAll: (fd = 0) => {
        const chunks: number[] = [];
        for (;;) {
          const r = os.read(fd, 4096, table);
          if (typeof r === "number" || r.length === 0) break;
          chunks.push(...r);
        }
        return decodeUtf8(Uint8Array.from(chunks));
      },
    };
    let st: number;
    try { st = prog(proc); } finally { for (const d of table.values()) this.release(d); }
    return st & 255;
  }

  readdir(path: string): string[] | number {
    const p = normPath(path);
    const n = this.fs.get(p);
    if (!n) return -ENOENT;
    if (n.kind !== "dir") return -ENOTDIR;
    const prefix = p === "/" ? "/" : p + "/";
    const names: string[] = [];
    for (const k of this.fs.keys()) {
      if (k !== p && k.startsWith(prefix) && !k.slice(prefix.length).includes("/")) names.push(k.slice(prefix.length));
    }
    return names.reverse(); // deliberately unsorted: the shell sorts glob results
  }

  getpid(): number { return 42; }
}

const ok = (p: Proc, s: string): number => { p.out(s); return 0; };
const PROGRAMS: Record<string, Program> = {
  true: () => 0,
  false: () => 1,
  cat: (p) => {
    if (p.argv.length === 1) return ok(p, p.readAll(0));
    let st = 0;
    for (const f of p.argv.slice(1)) {
      const fd = p.os.openIn(p.fds, f.startsWith("/") ? f : `${p.env.get("PWD") ?? ""}/${f}`, 0);
      if (fd < 0) { p.err(`cat: can't open '${f}': No such file or directory\n`); st = 1; continue; }
      p.out(p.readAll(fd));
    }
    return st;
  },
  ls: (p) => {
    const dir = p.argv[1] ?? p.env.get("PWD") ?? "/";
    const r = p.os.readdir(dir);
    if (typeof r === "number") { p.err(`ls: ${dir}: No such file or directory\n`); return 1; }
    return ok(p, [...r].sort().map((n) => n + "\n").join(""));
  },
  seq: (p) => {
    const [a, b] = p.argv.length > 2 ? [Number(p.argv[1]), Number(p.argv[2])] : [1, Number(p.argv[1])];
    let s = "";
    for (let i = a; i <= b; i++) s += `${i}\n`;
    return ok(p, s);
  },
  wc: (p) => {
    const t = p.readAll(0);
    const lines = (t.match(/\n/g) ?? []).length;
    const words = t.split(/\s+/).filter((w) => w !== "").length;
    if (p.argv[1] === "-l") return ok(p, `${lines}\n`);
    if (p.argv[1] === "-c") return ok(p, `${encodeUtf8(t).length}\n`);
    return ok(p, `${lines} ${words} ${encodeUtf8(t).length}\n`);
  },
  mknod: (p) => {
    const [, path, type, maj, min] = p.argv;
    if (type !== "c" || maj === undefined || min === undefined) { p.err("mknod: usage\n"); return 1; }
    if (p.os.fs.has(normPath(path))) { p.err(`mknod: ${path}: File exists\n`); return 1; }
    p.os.fs.set(normPath(path), { kind: "chr", major: Number(maj), minor: Number(min), opens: 0, content: `dev ${maj}:${min}\n` });
    return 0;
  },
  /** Prints the child's open fds. */
  lsfd: (p) => ok(p, [...p.fds.keys()].sort((a, b) => a - b).join(" ") + "\n"),
  /** Prints how many open files a char device has (like a module refcount). */
  devusers: (p) => {
    const n = p.os.fs.get(normPath(p.argv[1] ?? "/dev/hp"));
    return ok(p, `${n?.kind === "chr" ? n.opens : -1}\n`);
  },
  exitwith: (p) => Number(p.argv[1] ?? 0),
  printenv: (p) => {
    if (p.argv[1] === undefined) return ok(p, [...p.env].map(([k, v]) => `${k}=${v}\n`).join(""));
    const v = p.env.get(p.argv[1]);
    return v === undefined ? 1 : ok(p, v + "\n");
  },
  /** Prints its arguments as <a><b>... to show field splitting. */
  args: (p) => ok(p, p.argv.slice(1).map((a) => `<${a}>`).join("") + "\n"),
  /** Writes its arguments to stderr. */
  warn: (p) => { p.err(p.argv.slice(1).join(" ") + "\n"); return 3; },
  readlink: () => 1,
  tr: (p) => ok(p, p.readAll(0).split(p.argv[1] ?? "").join(p.argv[2] ?? "")),
};

export interface RunResult { status: number; out: string; err: string; os: FakeOS; sh: Shell }

/** Runs a script in a fresh fake OS (after `setup`), like `sh -c SCRIPT`. */
export function runSh(script: string, setup?: (os: FakeOS) => void, opts: ShellOptions & { stdin?: string } = {}): RunResult {
  const os = new FakeOS(opts.stdin ?? "");
  setup?.(os);
  const sh = new Shell(os, { env: { PATH: "/bin", ...(opts.env ?? {}) }, arg0: opts.arg0, args: opts.args });
  const status = sh.run(script);
  return { status, out: os.out, err: os.err, os, sh };
}

