import type { Executable, Process } from "../../process.js";
import { O_RDONLY } from "../../vfs/file.js";
import { cantOpen } from "./util.js";

/**
 * busybox cat: copies each file (stdin for none or "-") to stdout 64 KiB at a time, so an endless device
 * (/dev/zero, /dev/hwrng) streams until interrupted. Failures as busybox reports them, status 1:
 * "cat: can't open 'X': ..." from open, "cat: read error: ..." from read (bb_copyfd_eof).
 */
export const cat: Executable = {
  name: "cat",
  main(p: Process, argv: string[]): number {
    const files = argv.slice(1).filter((a) => a !== "-u");
    let status = 0;
    if (files.length === 0) files.push("-");
    for (const f of files) {
      const fd = f === "-" ? 0 : p.open(p.absolute(f), O_RDONLY);
      if (fd < 0) {
        cantOpen(p, "cat", f, fd);
        status = 1;
        continue;
      }
      for (;;) {
        const b = p.read(fd, 65536);
        if (typeof b === "number") {
          p.eprintf(`cat: read error: ${p.strerror(-b)}\n`);
          status = 1;
          break;
        }
        if (b.length === 0) break;
        if (p.write(1, b) < 0) {
          if (fd !== 0) p.close(fd);
          return 1;
        }
      }
      if (fd !== 0) p.close(fd);
    }
    return status;
  },
};

export const trueProg: Executable = { name: "true", main: () => 0 };
export const falseProg: Executable = { name: "false", main: () => 1 };

/** busybox mknod NAME TYPE [MAJOR MINOR]: character nodes (c/u); block nodes are not in this kernel. */
export const mknod: Executable = {
  name: "mknod",
  main(p: Process, argv: string[]): number {
    const args = argv.slice(1).filter((a) => !a.startsWith("-m"));
    if (args.length !== 4 || !["c", "u", "b", "p"].includes(args[1]) || !/^\d+$/.test(args[2]) || !/^\d+$/.test(args[3])) {
      p.eprintf("BusyBox v1.35.0 multi-call binary.\n\nUsage: mknod [-m MODE] NAME TYPE [MAJOR MINOR]\n");
      return 1;
    }
    const r = p.mknod(p.absolute(args[0]), args[1] === "b" ? "b" : "c", Number(args[2]), Number(args[3]));
    if (r < 0) {
      p.eprintf(`mknod: ${args[0]}: ${p.strerror(-r)}\n`);
      return 1;
    }
    return 0;
  },
};

/** dmesg: the kernel log through syslog(2). */
export const dmesg: Executable = {
  name: "dmesg",
  main(p: Process): number {
    p.write(1, p.syslogReadAll());
    return 0;
  },
};

/** sleep SECONDS (fractions allowed): sleeps in virtual time. */
export const sleep: Executable = {
  name: "sleep",
  main(p: Process, argv: string[]): number {
    const s = argv[1];
    if (s === undefined || !/^\d+(\.\d+)?$/.test(s)) {
      p.eprintf("BusyBox v1.35.0 multi-call binary.\n\nUsage: sleep [N]...\n");
      return 1;
    }
    p.nanosleep(Number(s) * 1e9);
    return 0;
  },
};

/** kill [-SIG] PID...: no background processes outlive their command here, so any PID is gone. */
export const kill: Executable = {
  name: "kill",
  main(p: Process, argv: string[]): number {
    const pids = argv.slice(1).filter((a) => !a.startsWith("-"));
    if (pids.length === 0) {
      p.eprintf("BusyBox v1.35.0 multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n");
      return 1;
    }
    for (const pid of pids) {
      // A job spec names a job of the shell's; none outlive their command in a script.
      if (pid.startsWith("%")) p.eprintf(`sh: kill: ${pid}: no such job\n`);
      else p.eprintf(`kill: can't kill pid ${pid}: No such process\n`);
    }
    return 1;
  },
};

/** jobs: the shell's background jobs; a script runs `CMD &` to its end, so there are none to list. */
export const jobs: Executable = { name: "jobs", main: () => 0 };

/** ls [-l] [-1] [PATH...]: names one per line (the console is not a terminal), -l as busybox prints it. */
export const ls: Executable = {
  name: "ls",
  main(p: Process, argv: string[]): number {
    const long = argv.some((a) => /^-[a-zA-Z]*l/.test(a));
    const paths = argv.slice(1).filter((a) => !a.startsWith("-"));
    if (paths.length === 0) paths.push(".");
    let status = 0;
    paths.forEach((path, i) => {
      const st = p.lstat(path);
      if (typeof st === "number") {
        p.eprintf(`ls: ${path}: ${p.strerror(-st)}\n`);
        status = 1;
        return;
      }
      const target = st.type === "l" ? p.lstat(path, true) : st;
      if (typeof target !== "number" && target.type === "d" && !(long && st.type === "l" && !path.endsWith("/"))) {
        const names = p.readdir(path);
        if (typeof names === "number") return;
        if (paths.length > 1) p.printf(`${i ? "\n" : ""}${path}:\n`);
        if (long) p.printf("total 0\n");
        for (const n of names) p.printf(long ? longLine(p, `${path.replace(/\/$/, "")}/${n}`, n) : `${n}\n`);
        return;
      }
      p.printf(long ? longLine(p, path, path) : `${path}\n`);
    });
    return status;
  },
};

/** busybox ls -l: "%s %4u %-8s %-8s %9s %s %s" (mode, links, owner, group, size or "maj,min", date, name). */
function longLine(p: Process, path: string, name: string): string {
  const st = p.lstat(path);
  if (typeof st === "number") return `${name}\n`;
  const rwx = [6, 3, 0].map((s) => ((st.mode >> s) & 4 ? "r" : "-") + ((st.mode >> s) & 2 ? "w" : "-") + ((st.mode >> s) & 1 ? "x" : "-")).join("");
  const size = st.type === "c" ? `${String(st.major).padStart(4)},${String(st.minor).padStart(4)}` : String(st.size).padStart(9);
  const suffix = st.target !== undefined ? ` -> ${st.target}` : "";
  return `${st.type}${rwx} ${String(st.nlink).padStart(4)} ${"0".padEnd(8)} ${"0".padEnd(8)} ${size} Jan  1 00:00 ${name}${suffix}\n`;
}
