// test / [ : string, integer and file tests (files probed through open/readdir).
import type { ShellApi } from "./builtins.js";
import { EISDIR, ENOENT, ENOTDIR, O_RDONLY, O_WRONLY } from "./sys.js";

class TestSyntax extends Error {}

const UNARY = new Set(["-e", "-f", "-d", "-r", "-w", "-x", "-s", "-c", "-b", "-p", "-L", "-h", "-S", "-z", "-n", "-t", "-g", "-u", "-k", "-G", "-O"]);
const BINARY = new Set(["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">", "-nt", "-ot", "-ef"]);

/** Runs test with the given operands (without the closing "]"); 0 true, 1 false, 2 error. */
export function testCommand(sh: ShellApi, args: string[], err: (m: string) => void): number {
  try {
    if (args.length === 0) return 1;
    let pos = 0;
    const peek = (): string | undefined => args[pos];
    const num = (s: string): bigint => {
      const t = s.trim();
      if (!/^[-+]?[0-9]+$/.test(t)) throw new TestSyntax(`${s}: bad number`);
      return BigInt(t);
    };
    const unary = (op: string, a: string): boolean => {
      if (op === "-z") return a === "";
      if (op === "-n") return a !== "";
      if (op === "-t") return false;
      return fileTest(sh, op, a);
    };
    const binary = (a: string, op: string, b: string): boolean => {
      switch (op) {
        case "=": case "==": return a === b;
        case "!=": return a !== b;
        case "<": return a < b;
        case ">": return a > b;
        case "-eq": return num(a) === num(b);
        case "-ne": return num(a) !== num(b);
        case "-lt": return num(a) < num(b);
        case "-le": return num(a) <= num(b);
        case "-gt": return num(a) > num(b);
        case "-ge": return num(a) >= num(b);
        default: return false;
      }
    };
    const primary = (): boolean => {
      const t = args[pos];
      if (t === undefined) throw new TestSyntax("argument expected");
      if (t === "!" && pos + 1 < args.length) { pos++; return !primary(); }
      if (t === "(" && args.length - pos > 2) {
        pos++;
        const v = orExpr();
        if (args[pos] !== ")") throw new TestSyntax("')' expected");
        pos++;
        return v;
      }
      if (pos + 2 < args.length && BINARY.has(args[pos + 1])) {
        const v = binary(t, args[pos + 1], args[pos + 2]);
        pos += 3;
        return v;
      }
      if (UNARY.has(t) && pos + 1 < args.length) {
        pos += 2;
        return unary(t, args[pos - 1]);
      }
      pos++;
      return t !== "";
    };
    const andExpr = (): boolean => {
      let v = primary();
      while (peek() === "-a") { pos++; const r = primary(); v = v && r; }
      return v;
    };
    const orExpr = (): boolean => {
      let v = andExpr();
      while (peek() === "-o") { pos++; const r = andExpr(); v = v || r; }
      return v;
    };
    // POSIX rules for up to 4 arguments, then the general grammar.
    let v: boolean;
    if (args.length === 1) v = args[0] !== "";
    else if (args.length === 2 && args[0] === "!") v = args[1] === "";
    else if (args.length === 2 && UNARY.has(args[0])) v = unary(args[0], args[1]);
    else if (args.length === 3 && BINARY.has(args[1])) v = binary(args[0], args[1], args[2]);
    else if (args.length === 3 && args[0] === "!") v = !(args[2] === "" ? false : UNARY.has(args[1]) ? unary(args[1], args[2]) : true);
    else {
      v = orExpr();
      if (pos < args.length) throw new TestSyntax(`${args[pos]}: unknown operand`);
    }
    return v ? 0 : 1;
  } catch (e) {
    if (e instanceof TestSyntax) { err(e.message); return 2; }
    throw e;
  }
}

function fileTest(sh: ShellApi, op: string, path: string): boolean {
  if (path === "") return false;
  const abs = sh.abs(path);
  const isDir = typeof sh.sys.readdir(abs) !== "number";
  const probe = (flags: number): number => {
    const fd = sh.sys.open(abs, flags);
    if (fd >= 0) sh.sys.close(fd);
    return fd;
  };
  const exists = (): boolean => {
    if (isDir) return true;
    const r = probe(O_RDONLY);
    return r >= 0 || (r !== -ENOENT && r !== -ENOTDIR);
  };
  switch (op) {
    case "-e": return exists();
    case "-d": return isDir;
    case "-f": return !isDir && exists() && !abs.startsWith("/dev/");
    case "-c": return !isDir && exists() && abs.startsWith("/dev/");
    case "-r": return isDir || probe(O_RDONLY) >= 0;
    case "-w": { if (isDir) return true; const r = probe(O_WRONLY); return r >= 0 || r === -EISDIR; }
    case "-x": return exists();
    case "-s": {
      if (isDir) return true;
      const fd = sh.sys.open(abs, O_RDONLY);
      if (fd < 0) return false;
      const d = sh.sys.read(fd, 1);
      sh.sys.close(fd);
      return typeof d !== "number" && d.length > 0;
    }
    default: return false;
  }
}
