import type { Executable, Process } from "../process.js";
import { readAll, readText } from "./coreutils/util.js";
import { lspci, type SysfsPciFunction } from "./lspci/index.js";
import { aliasMatch } from "./kmod.js";

const SYS = "/sys/bus/pci/devices";

/** pciutils' sysfs access method: every function's attributes read through open/read (lib/sysfs.c). */
function scanSysfs(p: Process): SysfsPciFunction[] | string {
  const names = p.readdir(SYS);
  if (typeof names === "number") return `lspci: Cannot open ${SYS}`;
  // Physical slots: /sys/bus/pci/slots/N/address names the slot (lib/sysfs.c sysfs_fill_slots).
  const slotOf = new Map<string, string>();
  const slots = p.readdir("/sys/bus/pci/slots");
  if (typeof slots !== "number") {
    for (const s of slots) {
      const addr = readText(p, `/sys/bus/pci/slots/${s}/address`);
      if (typeof addr === "string") slotOf.set(addr.trim(), s);
    }
  }
  // ls-kernel.c: "Kernel modules" are the modules whose modules.alias patterns match the modalias.
  const rel = readText(p, "/proc/sys/kernel/osrelease");
  const aliasText = typeof rel === "string" ? readText(p, `/lib/modules/${rel.trim()}/modules.alias`) : -2;
  const aliases: [string, string][] = [];
  if (typeof aliasText === "string") {
    for (const l of aliasText.split("\n")) {
      const m = /^alias\s+(\S+)\s+(\S+)/.exec(l);
      if (m) aliases.push([m[1], m[2]]);
    }
  }
  const out: SysfsPciFunction[] = [];
  for (const name of names) {
    const dir = `${SYS}/${name}`;
    const config = readAll(p, `${dir}/config`);
    const resText = readText(p, `${dir}/resource`);
    const irqText = readText(p, `${dir}/irq`);
    if (typeof config === "number" || typeof resText === "number" || typeof irqText === "number") continue;
    const resource = resText
      .trim()
      .split("\n")
      .map((l) => {
        const [s, e, f] = l.trim().split(/\s+/).map((x) => BigInt(x));
        return { start: s, end: e, flags: f };
      });
    const link = p.readlink(`${dir}/driver`);
    const driver = typeof link === "string" ? link.split("/").pop() : undefined;
    const modalias = readText(p, `${dir}/modalias`);
    const modules = typeof modalias === "string" ? [...new Set(aliases.filter(([pat]) => aliasMatch(pat, modalias.trim())).map(([, mod]) => mod))] : [];
    out.push({ name, config, resource, irq: Number(irqText.trim()), physicalSlot: slotOf.get(name.slice(0, 10)), driver, modules });
  }
  return out;
}

/** /bin/lspci: pciutils' lspci over this kernel's sysfs. */
export const lspciProgram: Executable = {
  name: "lspci",
  main(p: Process, argv: string[]): number {
    const fns = scanSysfs(p);
    if (typeof fns === "string") {
      p.eprintf(`${fns}\n`);
      return 1;
    }
    const r = lspci(argv.slice(1), fns);
    if (r.stdout) p.write(1, r.stdout);
    if (r.stderr) p.write(2, r.stderr);
    return r.status;
  },
};
