import type { Executable, Process } from "../process.js";
import { Shell } from "../shell/index.js";

/** Runs SCRIPT in a busybox-ash-like shell on `p`'s own syscalls, as `sh -c SCRIPT` does. */
export function runShell(p: Process, script: string, arg0 = "sh", args: string[] = []): number {
  const env: Record<string, string> = { PATH: "/sbin:/usr/sbin:/bin:/usr/bin", PWD: "/", HOME: "/root" };
  for (const [k, v] of p.env) env[k] = v;
  return new Shell(p, { env, arg0, args }).run(script);
}

/** /bin/sh: `sh -c SCRIPT [ARG0 [ARGS...]]`, or a script file. */
export const shProgram: Executable = {
  name: "sh",
  main(p: Process, argv: string[]): number {
    if (argv[1] === "-c") {
      if (argv[2] === undefined) {
        p.eprintf("sh: -c requires an argument\n");
        return 2;
      }
      return runShell(p, argv[2], argv[3] ?? "sh", argv.slice(4));
    }
    if (argv[1] === undefined) return 0; // no terminal: an interactive shell would read stdin, which is empty
    const r = p.kernel.vfs.lookup(p.absolute(argv[1]));
    if (typeof r === "number" || r.kind !== "reg") {
      p.eprintf(`sh: can't open '${argv[1]}': No such file or directory\n`);
      return 2;
    }
    return runShell(p, new TextDecoder().decode(r.data), argv[1], argv.slice(2));
  },
};
