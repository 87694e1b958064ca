#!/usr/bin/env node
import { write } from "node:fs";
import { QEMU_EXIT_FAILURE, type CliIo } from "./cli-io.js";
import { RNGLAB_VERSION } from "@rng/lab";
import { benchCommand } from "./commands/bench.js";
import { completionCommand } from "./commands/completion.js";
import { infoPciCommand } from "./commands/info-pci.js";
import { mmioSpeedCommand } from "./commands/mmio-speed.js";
import { prngCommand } from "./commands/prng.js";
import { prngSpeedCommand } from "./commands/prng-speed.js";
import { runCommand } from "./commands/run.js";
import { qualityCommand } from "./commands/quality.js";
import { shellCommand } from "./commands/shell.js";
import { monitorCommand } from "./commands/monitor.js";

export const MAIN_HELP = `Usage: rnglab COMMAND [OPTIONS] [-- QEMU-OPTIONS]

Simulates the virt-101 random-number PCI device lab: QEMU's pc machine with the my_rng device.

Commands:
  info-pci     QEMU's HMP "info pci" for a machine (default: -M pc -m 128 -device my_rng)
  shell        boot the guest and use its shell interactively (Ctrl-A c: QEMU monitor)
  run          boot the guest and run a shell script in it (-c "SCRIPT")
  monitor      QEMU monitor commands for a machine (info pci, info mtree, info qtree, xp)
  bench        run the driver designs in the guest: throughput and where the time goes
  prng         print a generator's outputs (rnglab prng --list for the generators)
  mmio-speed   host speed of the simulator: RNG-register reads per real second
  prng-speed   host speed of every generator, beside the npm peers
  quality      a statistical battery (NIST SP 800-22 subset, byte chi-square, birthday spacings)
  completion   print a bash or zsh completion script (rnglab completion bash)
  help         this text (--version: the version)

Machine options follow "--", in qemu-system-x86_64's syntax: -M pc, -m SIZE, -nodefaults, -vga std|none,
-net none, -nic model=e1000|rtl8139, -device NAME[,addr=SS.F][,id=ID][,prop=value...].
"rnglab COMMAND --help" describes a command.
`;

export async function main(argv: string[], io: CliIo, now: () => number): Promise<number> {
  // pnpm passes a "--" through (pnpm -s rnglab -- info-pci): drop one leading "--".
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  const [cmd, ...rest] = args;
  switch (cmd) {
    case "info-pci":
      return infoPciCommand(rest, io);
    case "prng":
      return prngCommand(rest, io);
    case "bench":
      return benchCommand(rest, io, now);
    case "run":
      return runCommand(rest, io);
    case "shell":
      return shellCommand(rest, io, process.stdin, process.stdin.isTTY === true);
    case "monitor":
      return monitorCommand(rest, io);
    case "--version":
    case "-V":
    case "version":
      io.stdout(`rnglab ${RNGLAB_VERSION}\n`);
      return 0;
    case "completion":
      return completionCommand(rest, io);
    case "quality":
      return qualityCommand(rest, io);
    case "prng-speed":
      return prngSpeedCommand(rest, io, now);
    case "mmio-speed":
      return mmioSpeedCommand(rest, io, now);
    case undefined:
      io.stderr(MAIN_HELP);
      return 2;
    case "help":
    case "-h":
    case "--help":
      io.stdout(MAIN_HELP);
      return 0;
    default:
      io.stderr(`rnglab: unknown command '${cmd}'\n${MAIN_HELP}`);
      return 2;
  }
}

/**
 * The process's streams, with EPIPE (reader gone) treated as a normal end. process.stdout is touched only
 * for text: libuv makes a pipe non-blocking once it wraps it, and raw output wants the plain blocking fd.
 */
function processIo(): CliIo {
  let closed = false;
  let textOut: NodeJS.WriteStream | undefined;
  const stdoutStream = () => {
    if (!textOut) {
      textOut = process.stdout;
      textOut.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code === "EPIPE") {
          closed = true;
          process.exit(0);
        }
        throw e;
      });
    }
    return textOut;
  };
  return {
    stdout: (t) => void (closed || stdoutStream().write(t)),
    stderr: (t) => void process.stderr.write(t),
    // Raw bytes go through fs.write, which runs in libuv's thread pool: the caller can generate the next
    // chunk while this one drains into the pipe. EPIPE (reader gone) resolves false; EAGAIN retries.
    stdoutBytes: (b) =>
      new Promise((resolve) => {
        if (closed) return resolve(false);
        const writeAll = (off: number) =>
          write(1, b, off, b.length - off, null, (err, n) => {
            if (err) {
              if (err.code === "EAGAIN") return void setTimeout(() => writeAll(off), 1);
              closed = true;
              return resolve(false);
            }
            if (off + n < b.length) writeAll(off + n);
            else resolve(true);
          });
        writeAll(0);
      }),
  };
}

const isEntry = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("/cli.js");
if (isEntry) {
  main(process.argv.slice(2), processIo(), () => performance.now()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`rnglab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = QEMU_EXIT_FAILURE;
    },
  );
}
