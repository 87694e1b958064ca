/*
 * The user-space `lspci` of pciutils 3.9.0 over sysfs, as a pure function of its argv and the PCI
 * functions under /sys/bus/pci/devices. main() of lspci.c: parse the options, scan (filtering unless a
 * tree is wanted), sort by domain/bus/device/function, then print a tree or each device in turn.
 */
import { compareDevs, parseName, toPciDev } from "./device.js";
import { showHexDump, showMachine } from "./dump.js";
import { filterMatch } from "./filter.js";
import { parseArgs } from "./options.js";
import { showForest } from "./tree.js";
import { Out, type LspciResult, type SysfsPciFunction } from "./types.js";
import { showKernel, showTerse, showVerbose } from "./verbose.js";

export type { LspciResult, SysfsPciFunction } from "./types.js";
export { HELP_MSG } from "./options.js";
export { newFilter, parseIdFilter, parseSlotFilter, filterMatch, type PciFilter } from "./filter.js";

export function lspci(argv: string[], functions: readonly SysfsPciFunction[]): LspciResult {
  const parsed = parseArgs(argv);
  if (parsed.kind === "exit") return { stdout: parsed.stdout, stderr: parsed.stderr, status: parsed.status };
  const { options: o, filter } = parsed;
  const needTopology = o.tree > 0 || o.path > 0;

  const bad = functions.find((f) => parseName(f.name) === null);
  if (bad !== undefined) return { stdout: "", stderr: `lspci: sysfs_scan: Couldn't parse entry name ${bad.name}\n`, status: 1 };
  const all = functions.map(toPciDev);
  // scan_device(): any device outside domain 0 turns domains on, whether or not it is shown.
  if (o.domains === 0 && all.some((d) => d.domain !== 0)) o.domains = 1;
  const devs = (needTopology ? all : all.filter((d) => filterMatch(filter, d))).sort(compareDevs);

  const out = new Out();
  if (o.tree > 0) {
    showForest(out, devs, o.filterGiven ? filter : null, o);
    return { stdout: out.text(), stderr: "", status: 0 };
  }
  for (const d of devs) {
    if (!filterMatch(filter, d)) continue;
    if (o.machine > 0) showMachine(out, d, o);
    else {
      if (o.verbose > 0) showVerbose(out, d, o);
      else showTerse(out, d, o);
      if (o.kernel > 0 || o.verbose > 0) showKernel(out, d);
    }
    if (o.hex > 0) showHexDump(out, d, o);
    if (o.verbose > 0 || o.hex > 0) out.print("\n");
  }
  return { stdout: out.text(), stderr: "", status: 0 };
}
