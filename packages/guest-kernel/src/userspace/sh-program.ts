import type { Executable, Process } from "../process.js";
import { Shell } from "../shell/index.js";
import { readText } from "./coreutils/util.js";

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
    const text = readText(p, argv[1]);
    if (typeof text === "number") {
      p.eprintf(`sh: can't open '${argv[1]}': ${p.strerror(-text)}\n`);
      return 2;
    }
    return runShell(p, text, argv[1], argv.slice(2));
  },
};
