// The syscall surface the shell runs on, plus small byte/errno helpers (no Node, no DOM needed).

/** Syscalls of the shell's own process. Failures return -errno (negative Linux errno numbers). */
export interface ShellSyscalls {
  /** fd or -errno; flags are Linux O_* (O_RDONLY 0, O_WRONLY 1, O_RDWR 2, O_CREAT 0o100, O_TRUNC 0o1000, O_APPEND 0o2000). */
  open(path: string, flags: number, mode?: number): number;
  close(fd: number): number;
  dup2(oldfd: number, newfd: number): number;
  /** F_DUPFD (F_DUPFD_CLOEXEC when cloexec): the lowest free fd >= min that refers to fd's open file. */
  fcntlDupfd?(fd: number, min: number, cloexec?: boolean): number;
  /** Bytes read (an empty array at EOF) or -errno. */
  read(fd: number, max: number): Uint8Array | number;
  write(fd: number, data: Uint8Array): number;
  /** [readFd, writeFd]; unbounded buffer: commands of a pipeline may run one after another. */
  pipe(): [number, number] | number;
  /** Runs a program (argv[0] a name searched in PATH dirs, or a path) as a child process that inherits the
   *  shell's current fd table (0,1,2 and any others, e.g. fd 3 from `exec 3</dev/x`), waits for it, returns its
   *  exit status (0-255), or -errno if it could not be started (-ENOENT: not found, -EACCES...). */
  spawnWait(argv: string[], env: ReadonlyMap<string, string>): number;
  /** Directory listing for glob expansion; -errno if not a directory. */
  readdir(path: string): string[] | number;
  getpid(): number;
}

export interface ShellOptions {
  /** Initial environment; every entry is exported to children. */
  env?: Record<string, string>;
  /** $0 (default "sh"); also the prefix of error messages. */
  arg0?: string;
  /** Positional parameters $1... */
  args?: string[];
}

export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_CREAT = 0o100;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;

export const EPERM = 1;
export const ENOENT = 2;
export const EBADF = 9;
export const EACCES = 13;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const EMFILE = 24;
export const ENOTTY = 25;

const ERRNO_TEXT: Record<number, string> = {
  1: "Operation not permitted", 2: "No such file or directory", 3: "No such process", 4: "Interrupted system call",
  5: "Input/output error", 6: "No such device or address", 7: "Argument list too long", 8: "Exec format error",
  9: "Bad file descriptor", 10: "No child processes", 11: "Resource temporarily unavailable", 12: "Cannot allocate memory",
  13: "Permission denied", 14: "Bad address", 16: "Device or resource busy", 17: "File exists", 18: "Invalid cross-device link",
  19: "No such device", 20: "Not a directory", 21: "Is a directory", 22: "Invalid argument", 23: "Too many open files in system",
  24: "Too many open files", 25: "Inappropriate ioctl for device", 26: "Text file busy", 27: "File too large",
  28: "No space left on device", 29: "Illegal seek", 30: "Read-only file system", 31: "Too many links", 32: "Broken pipe",
  34: "Numerical result out of range", 36: "File name too long", 38: "Function not implemented", 39: "Directory not empty",
  40: "Too many levels of symbolic links", 95: "Operation not supported", 110: "Connection timed out",
};

/** glibc's strerror() text for an errno (positive or negative). */
export function strerror(errno: number): string {
  const e = Math.abs(errno);
  return ERRNO_TEXT[e] ?? `Unknown error ${e}`;
}

/** UTF-8 encoding of a JS string (lone surrogates become U+FFFD). */
export function encodeUtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** UTF-8 decoding; invalid sequences decode byte-wise as U+FFFD. */
export function decodeUtf8(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let n = 0;
    let cp = 0;
    if (c < 0x80) { s += String.fromCharCode(c); i++; continue; }
    if (c >= 0xc2 && c < 0xe0) { n = 1; cp = c & 31; }
    else if (c >= 0xe0 && c < 0xf0) { n = 2; cp = c & 15; }
    else if (c >= 0xf0 && c < 0xf5) { n = 3; cp = c & 7; }
    else { s += "\ufffd"; i++; continue; }
    let ok = i + n < b.length;
    for (let k = 1; ok && k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (d & 63);
    }
    if (!ok || (n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff))) { s += "\ufffd"; i++; continue; }
    s += String.fromCodePoint(cp);
    i += n + 1;
  }
  return s;
}
