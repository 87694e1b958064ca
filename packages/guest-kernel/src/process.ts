import { Cat } from "@rng/hw-qemu";
import { EBADF, EINVAL, EMFILE, ESPIPE, strerror } from "./errno.js";
import type { Kernel } from "./kernel.js";
import { UserMemory } from "./user-memory.js";
import { O_ACCMODE, O_RDONLY, O_WRONLY, PipeBuffer, type File } from "./vfs/file.js";
import { reg, type Inode } from "./vfs/inode.js";

const MAX_FDS = 1024;
const enc = new TextEncoder();

/** What lstat(2) reports, as far as the tools use it. */
export interface FileStat {
  type: "d" | "-" | "c" | "l";
  mode: number;
  major: number;
  minor: number;
  size: number;
  nlink: number;
  target: string | undefined;
}

/** An executable in /bin: something the kernel can start as a process with argv (DESIGN.md §1). */
export interface Executable {
  readonly name: string;
  main(p: Process, argv: string[]): number;
}

/**
 * A user process: its own memory, a file-descriptor table, and syscalls that return Linux's results (a
 * value, or -errno). Each syscall charges entry/exit; the work inside charges its own categories.
 */
export class Process {
  readonly mem = new UserMemory();
  readonly fds: (File | undefined)[] = [];
  /** Descriptors closed on exec (FD_CLOEXEC): children do not inherit them. */
  readonly cloexec = new Set<number>();
  env = new Map<string, string>();
  /** errno of the last failed libc call, for perror. */
  errno = 0;

  constructor(
    readonly kernel: Kernel,
    readonly pid: number,
    readonly parent: Process | undefined,
  ) {}

  /** Program name, for traces. */
  comm = "sh";
  /** The login shell of an interactive session: SIGINT from the terminal does not kill it. */
  interactive = false;
  private t0 = 0;

  private enter(): void {
    if (this.kernel.trace) this.t0 = this.kernel.cpu.clock.nowNs;
    this.kernel.syscallEnter(this);
  }
  private exit(): void {
    this.kernel.syscallExit();
  }
  /** strace-style line: "name(args) = ret <cost>", stamped with the virtual time the call began. */
  private traced(call: string, ret: number | string): void {
    const k = this.kernel;
    if (!k.trace) return;
    const r = typeof ret === "number" && ret < 0 ? `-1 ${errnoName(-ret)} (${k.strerror(-ret)})` : String(ret);
    k.trace(`${stamp(this.t0)} ${this.comm}[${this.pid}] ${call} = ${r} <${(k.cpu.clock.nowNs - this.t0).toFixed(1)} ns>`);
    k.flushNestedTrace();
  }

  private installFd(f: File, min = 0): number {
    for (let fd = min; fd < MAX_FDS; fd++) {
      if (!this.fds[fd]) {
        this.fds[fd] = f;
        return fd;
      }
    }
    return -EMFILE;
  }

  getpid(): number {
    return this.pid;
  }

  open(path: string, flags: number, mode = 0o644): number {
    const ret = this.open_(path, flags, mode);
    return this.kernel.trace ? this.openTraced(path, flags, ret) : ret;
  }

  private open_(path: string, flags: number, mode: number): number {
    this.enter();
    try {
      const f = this.kernel.openFile(this.absolute(path), flags, mode);
      if (typeof f === "number") return f;
      const fd = this.installFd(f);
      if (fd < 0) this.kernel.releaseFile(f);
      return fd;
    } finally {
      this.exit();
    }
  }

  private openTraced(path: string, flags: number, ret: number): number {
    this.traced(`open("${path}", ${openFlags(flags)})`, ret);
    return ret;
  }

  close(fd: number): number {
    this.enter();
    const f = this.fds[fd];
    let ret = -EBADF;
    if (f) {
      this.fds[fd] = undefined;
      this.cloexec.delete(fd);
      this.kernel.releaseFile(f);
      ret = 0;
    }
    this.exit();
    this.traced(`close(${fd})`, ret);
    return ret;
  }

  dup2(oldfd: number, newfd: number): number {
    const f = this.fds[oldfd];
    if (!f || newfd < 0 || newfd >= MAX_FDS) return -EBADF;
    if (oldfd === newfd) return newfd;
    const old = this.fds[newfd];
    f.refs++;
    this.fds[newfd] = f;
    this.cloexec.delete(newfd);
    if (old) this.kernel.releaseFile(old);
    return newfd;
  }

  fcntlDupfd(fd: number, min: number, cloexec = false): number {
    const f = this.fds[fd];
    if (!f) return -EBADF;
    f.refs++;
    const n = this.installFd(f, min);
    if (n < 0) f.refs--;
    else if (cloexec) this.cloexec.add(n);
    return n;
  }

  pipe(): [number, number] | number {
    const buf = new PipeBuffer();
    const inode = reg(new Uint8Array(), 0o600);
    const r: File = { inode, path: "pipe:", flags: O_RDONLY, pos: 0, pipe: buf, pipeEnd: "r", refs: 1 };
    const w: File = { inode, path: "pipe:", flags: O_WRONLY, pos: 0, pipe: buf, pipeEnd: "w", refs: 1 };
    buf.readers = 1;
    buf.writers = 1;
    const a = this.installFd(r);
    if (a < 0) return a;
    const b = this.installFd(w);
    if (b < 0) return b;
    return [a, b];
  }

  private scratchPtr = 0;
  private scratchLen = 0;

  /** libc's stdio buffer: one reusable user buffer for read()/write() of bytes the program holds. */
  private scratch(len: number): number {
    if (len > this.scratchLen) {
      this.scratchLen = Math.max(len, 4096);
      this.scratchPtr = this.mem.alloc(this.scratchLen);
    }
    return this.scratchPtr;
  }

  /** read(2) into the process's own buffer: returns the bytes (libc view) or -errno. */
  read(fd: number, max: number): Uint8Array | number {
    const ptr = this.scratch(Math.max(max, 1));
    const n = this.readToUser(fd, ptr, max);
    if (n < 0) return n;
    return this.mem.read(ptr, n) as Uint8Array;
  }

  /** read(2) with a user pointer, as a C program calls it. */
  readToUser(fd: number, buf: number, count: number): number {
    this.enter();
    const f = this.fds[fd];
    const ret = !f || (f.flags & O_ACCMODE) === O_WRONLY ? -EBADF : this.kernel.fileRead(this, f, buf, count);
    this.exit();
    this.traced(`read(${fd}, 0x${buf.toString(16)}, ${count})`, ret);
    return ret;
  }

  /** write(2) of bytes the program holds (libc copies them from its own buffer). */
  write(fd: number, data: Uint8Array | string): number {
    const bytes = typeof data === "string" ? enc.encode(data) : data;
    const ptr = this.scratch(Math.max(bytes.length, 1));
    this.mem.write(ptr, bytes);
    this.enter();
    const f = this.fds[fd];
    const ret = !f || ((f.flags & O_ACCMODE) === O_RDONLY && !f.pipe) ? -EBADF : this.kernel.fileWrite(this, f, ptr, bytes.length);
    this.exit();
    this.traced(`write(${fd}, 0x${ptr.toString(16)}, ${bytes.length})`, ret);
    return ret;
  }

  /** lseek(2) with SEEK_SET. */
  lseek(fd: number, offset: number): number {
    const f = this.fds[fd];
    if (!f) return -EBADF;
    if (f.pipe) return -ESPIPE;
    f.pos = offset;
    return offset;
  }

  /** finit_module(2): loads the module image open on `fd` with a parameter string. */
  finitModule(fd: number, params: string): number {
    this.enter();
    const f = this.fds[fd];
    let ret: number;
    if (!f) ret = -EBADF;
    else if (f.inode.kind !== "reg") ret = -EINVAL;
    else ret = this.kernel.modules.load(f.inode.data, params);
    this.exit();
    this.traced(`finit_module(${fd}, "${params}", 0)`, ret);
    return ret;
  }

  /** delete_module(2) with O_NONBLOCK, as kmod's rmmod calls it. */
  deleteModule(name: string): number {
    this.enter();
    const ret = this.kernel.modules.unload(name);
    this.exit();
    this.traced(`delete_module("${name}", O_NONBLOCK)`, ret);
    return ret;
  }

  /** syslog(2) SYSLOG_ACTION_READ_ALL, as dmesg uses it: the kernel log text. */
  syslogReadAll(): string {
    this.enter();
    try {
      return this.kernel.log.text();
    } finally {
      this.exit();
    }
  }

  /** nanosleep(2): the process sleeps in virtual time. */
  nanosleep(ns: number): number {
    this.enter();
    try {
      if (!(ns >= 0)) return -EINVAL;
      this.kernel.cpu.clock.charge(Cat.sched, ns);
      return 0;
    } finally {
      this.exit();
    }
  }

  ioctl(fd: number, cmd: number, arg: number): number {
    this.enter();
    const f = this.fds[fd];
    const ret = f ? this.kernel.fileIoctl(f, cmd >>> 0, arg) : -EBADF;
    this.exit();
    if (this.kernel.trace) this.traced(`ioctl(${fd}, 0x${(cmd >>> 0).toString(16)}, 0x${arg.toString(16)})`, ret);
    return ret;
  }

  mknod(path: string, type: "c" | "b", major: number, minor: number): number {
    this.enter();
    const ret = type !== "c" ? -EINVAL : this.kernel.vfs.install(this.absolute(path), { kind: "chr", mode: 0o644, major, minor }, false);
    this.exit();
    this.traced(`mknod("${path}", S_IF${type === "c" ? "CHR" : "BLK"}|0644, makedev(${major}, ${minor}))`, ret);
    return ret;
  }

  /**
   * lstat(2) (stat with follow): what ls and test need of a file: its type, mode, device numbers, size,
   * and a link's target (readlink(2)). -errno when it does not exist.
   */
  lstat(path: string, follow = false): FileStat | number {
    const node = this.kernel.vfs.lookup(this.absolute(path), !follow);
    if (typeof node === "number") return node;
    const type = { dir: "d", reg: "-", gen: "-", chr: "c", link: "l" }[node.kind] as FileStat["type"];
    return {
      type,
      mode: node.kind === "link" ? 0o777 : node.mode,
      major: node.kind === "chr" ? node.major : 0,
      minor: node.kind === "chr" ? node.minor : 0,
      size: node.kind === "reg" ? node.data.length : node.kind === "gen" ? 4096 : 0,
      nlink: node.kind === "dir" ? 2 : 1,
      target: node.kind === "link" ? node.target : undefined,
    };
  }

  /** readlink(2): a symbolic link's target, or -EINVAL for anything else. */
  readlink(path: string): string | number {
    const st = this.lstat(path);
    if (typeof st === "number") return st;
    return st.target ?? -EINVAL;
  }

  readdir(path: string): string[] | number {
    return this.kernel.vfs.readdir(this.absolute(path));
  }

  stat(path: string): Inode | number {
    return this.kernel.vfs.lookup(this.absolute(path));
  }

  /** A path relative to the process's working directory (its PWD) made absolute. */
  absolute(path: string): string {
    return path.startsWith("/") ? path : `${(this.env.get("PWD") ?? "/").replace(/\/$/, "")}/${path}`;
  }

  /** fork + execve + waitpid: the child inherits the fd table; returns its exit status or -errno. */
  spawnWait(argv: string[], env: ReadonlyMap<string, string>): number {
    return this.kernel.spawn(this, argv, env);
  }

  /** The program's own computation between syscalls (charged as `user`); default: one benchmark-loop step. */
  compute(ns: number = this.kernel.costs.ns.userCallNs): void {
    this.kernel.cpu.clock.charge(Cat.user, ns);
  }

  /** clock_gettime(CLOCK_MONOTONIC) through the vDSO: no syscall, no cost. */
  clockGettimeNs(): number {
    return this.kernel.cpu.clock.nowNs;
  }

  // --- libc helpers for programs ---

  printf(text: string): void {
    this.write(1, text);
  }

  eprintf(text: string): void {
    this.write(2, text);
  }

  /** strerror(3): libc's message for an errno. */
  strerror(errno: number): string {
    return strerror(errno);
  }

  /** perror(3): "msg: strerror(errno)" on stderr. */
  perror(msg: string): void {
    this.eprintf(`${msg}: ${strerror(this.errno)}\n`);
  }

  /** libc's return convention: -1 with errno set, or the value. */
  libc(ret: number): number {
    if (ret < 0) {
      this.errno = -ret;
      return -1;
    }
    return ret;
  }
}


const ERRNO_NAMES: Record<number, string> = { 1: "EPERM", 2: "ENOENT", 5: "EIO", 6: "ENXIO", 9: "EBADF", 12: "ENOMEM", 13: "EACCES", 14: "EFAULT", 16: "EBUSY", 17: "EEXIST", 19: "ENODEV", 20: "ENOTDIR", 21: "EISDIR", 22: "EINVAL", 24: "EMFILE", 25: "ENOTTY", 29: "ESPIPE", 32: "EPIPE" };
function errnoName(e: number): string {
  return ERRNO_NAMES[e] ?? `E${e}`;
}

function openFlags(flags: number): string {
  const acc = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"][flags & 3];
  const extra = [
    [0o100, "O_CREAT"],
    [0o1000, "O_TRUNC"],
    [0o2000, "O_APPEND"],
  ]
    .filter(([bit]) => flags & (bit as number))
    .map(([, n]) => n);
  return [acc, ...extra].join("|");
}

/** Linux's printk time stamp for a virtual time. */
export function stamp(ns: number): string {
  const sec = Math.floor(ns / 1e9);
  const usec = Math.floor((ns % 1e9) / 1e3);
  return `[${String(sec).padStart(5)}.${String(usec).padStart(6, "0")}]`;
}
