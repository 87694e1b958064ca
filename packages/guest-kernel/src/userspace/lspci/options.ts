/*
 * lspci's command line: glibc getopt() over lspci.c's option string (non-options are skipped and make
 * main() print the help), then main()'s switch. A bad option prints getopt's complaint and the help on
 * stderr and returns 1; a bad -s/-d argument is die("-s: %s") / die("-d: %s"), which also exits with 1.
 */
import { newFilter, parseIdFilter, parseSlotFilter, type PciFilter } from "./filter.js";
import type { LspciOptions } from "./types.js";

/** "nvbxs:d:tPi:mgp:qkMDQ" followed by the generic libpci options of a Linux build. */
const OPTIONS = "nvbxs:d:tPi:mgp:qkMDQA:GO:H:F:";

/** The id file of Debian's build, as the help message names it. */
export const ID_FILE_NAME = "/usr/share/misc/pci.ids";

export const HELP_MSG =
  "Usage: lspci [<switches>]\n" +
  "\n" +
  "Basic display modes:\n" +
  "-mm\t\tProduce machine-readable output (single -m for an obsolete format)\n" +
  "-t\t\tShow bus tree\n" +
  "\n" +
  "Display options:\n" +
  "-v\t\tBe verbose (-vv or -vvv for higher verbosity)\n" +
  "-k\t\tShow kernel drivers handling each device\n" +
  "-x\t\tShow hex-dump of the standard part of the config space\n" +
  "-xxx\t\tShow hex-dump of the whole config space (dangerous; root only)\n" +
  "-xxxx\t\tShow hex-dump of the 4096-byte extended config space (root only)\n" +
  "-b\t\tBus-centric view (addresses and IRQ's as seen by the bus)\n" +
  "-D\t\tAlways show domain numbers\n" +
  "-P\t\tDisplay bridge path in addition to bus and device number\n" +
  "-PP\t\tDisplay bus path in addition to bus and device number\n" +
  "\n" +
  "Resolving of device ID's to names:\n" +
  "-n\t\tShow numeric ID's\n" +
  "-nn\t\tShow both textual and numeric ID's (names & numbers)\n" +
  "-q\t\tQuery the PCI ID database for unknown ID's via DNS\n" +
  "-qq\t\tAs above, but re-query locally cached entries\n" +
  "-Q\t\tQuery the PCI ID database for all ID's via DNS\n" +
  "\n" +
  "Selection of devices:\n" +
  "-s [[[[<domain>]:]<bus>]:][<slot>][.[<func>]]\tShow only devices in selected slots\n" +
  "-d [<vendor>]:[<device>][:<class>]\t\tShow only devices with specified ID's\n" +
  "\n" +
  "Other options:\n" +
  `-i <file>\tUse specified ID database instead of ${ID_FILE_NAME}\n` +
  "-p <file>\tLook up kernel modules in a given file instead of default modules.pcimap\n" +
  "-M\t\tEnable `bus mapping' mode (dangerous; root only)\n" +
  "\n" +
  "PCI access options:\n" +
  "-A <method>\tUse the specified PCI access method (see `-A help' for a list)\n" +
  "-O <par>=<val>\tSet PCI access parameter (see `-O help' for a list)\n" +
  "-G\t\tEnable PCI access debugging\n" +
  "-H <mode>\tUse direct hardware access (<mode> = 1 or 2)\n" +
  "-F <file>\tRead PCI configuration dump from a given file\n";

export type ParsedArgs =
  | { kind: "run"; options: LspciOptions; filter: PciFilter }
  | { kind: "exit"; stdout: string; stderr: string; status: number };

const usage = (stderr: string): ParsedArgs => ({ kind: "exit", stdout: "", stderr: stderr + HELP_MSG, status: 1 });
const die = (msg: string): ParsedArgs => ({ kind: "exit", stdout: "", stderr: `lspci: ${msg}\n`, status: 1 });

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 1 && argv[0] === "--version") return { kind: "exit", stdout: "lspci version 3.9.0\n", stderr: "", status: 0 };
  const o: LspciOptions = { verbose: 0, numericIds: 0, hex: 0, tree: 0, path: 0, machine: 0, kernel: 0, domains: 0, buscentric: false, filterGiven: false };
  const filter = newFilter();
  let nonOptions = 0;
  for (let idx = 0; idx < argv.length; idx++) {
    const arg = argv[idx]!;
    if (arg === "--") {
      nonOptions += argv.length - idx - 1;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      nonOptions++; // GNU getopt permutes these to the end; main() then refuses them
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!;
      const at = c === ":" ? -1 : OPTIONS.indexOf(c);
      if (at < 0) return usage(`lspci: invalid option -- '${c}'\n`);
      let optarg = "";
      if (OPTIONS[at + 1] === ":") {
        if (j + 1 < arg.length) optarg = arg.slice(j + 1);
        else if (idx + 1 < argv.length) optarg = argv[++idx]!;
        else return usage(`lspci: option requires an argument -- '${c}'\n`);
        j = arg.length;
      }
      switch (c) {
        case "n": o.numericIds++; break;
        case "v": o.verbose++; break;
        case "b": o.buscentric = true; break;
        case "s": {
          const msg = parseSlotFilter(filter, optarg);
          if (msg !== null) return die(`-s: ${msg}`);
          o.filterGiven = true;
          break;
        }
        case "d": {
          const msg = parseIdFilter(filter, optarg);
          if (msg !== null) return die(`-d: ${msg}`);
          o.filterGiven = true;
          break;
        }
        case "x": o.hex++; break;
        case "P": o.path++; break;
        case "t": o.tree++; break;
        case "m": o.machine++; break;
        case "k": o.kernel++; break;
        case "D": o.domains = 2; break;
        // -i/-p name files this module does not read; -q/-Q only matter for IDs pci.ids lacks; -M, -A, -O,
        // -G, -H and -F choose how libpci reaches the hardware, which here is always sysfs.
        case "i": case "p": case "q": case "Q": case "M": case "A": case "O": case "G": case "H": case "F": break;
        default: return usage(""); // 'g' is in the option string but main() has no case for it
      }
    }
  }
  if (nonOptions > 0) return usage("");
  return { kind: "run", options: o, filter };
}
