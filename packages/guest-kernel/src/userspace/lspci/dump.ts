/*
 * lspci.c's machine-readable output (-m, -mm, -vmm) and show_hex_dump(): "-x" shows the cached 64 bytes
 * (128 for CardBus), "-xxx" 256 and "-xxxx" 4096 when the config file holds that much.
 */
import { lookupClass, lookupDevice, lookupSubDevice, lookupSubVendor, lookupVendor } from "./names.js";
import { hex, type LspciOptions, type Out, type PciDev } from "./types.js";
import { showKernelMachine, slotName } from "./verbose.js";

export function showHexDump(out: Out, d: PciDev, o: LspciOptions): void {
  let cnt = d.configCached;
  if (o.hex >= 3 && d.config.length >= 256) {
    cnt = 256;
    if (o.hex >= 4 && d.config.length >= 4096) cnt = 4096;
  }
  let s = "";
  for (let i = 0; i < cnt; i++) {
    if ((i & 15) === 0) s += `${hex(i, 2)}:`;
    s += ` ${hex(d.config[i] ?? 0, 2)}`;
    if ((i & 15) === 15) s += "\n";
  }
  out.print(s);
}

/** print_shell_escaped(). */
const quoted = (s: string): string => ` "${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export function showMachine(out: Out, d: PciDev, o: LspciOptions): void {
  const n = o.numericIds;
  const hasSubsys = d.subsysVendorId !== 0 && d.subsysVendorId !== 0xffff;
  if (o.verbose > 0) {
    let s = `${o.machine >= 2 ? "Slot:\t" : "Device:\t"}${slotName(d, o)}\n`;
    s += `Class:\t${lookupClass(n, d.deviceClass)}\n`;
    s += `Vendor:\t${lookupVendor(n, d.vendorId)}\n`;
    s += `Device:\t${lookupDevice(n, d.vendorId, d.deviceId)}\n`;
    if (hasSubsys) {
      s += `SVendor:\t${lookupSubVendor(n, d.subsysVendorId)}\n`;
      s += `SDevice:\t${lookupSubDevice(n, d.vendorId, d.deviceId, d.subsysVendorId, d.subsysId)}\n`;
    }
    if (d.physSlot !== null) s += `PhySlot:\t${d.physSlot}\n`;
    if (d.revId !== 0) s += `Rev:\t${hex(d.revId, 2)}\n`;
    s += `ProgIf:\t${hex(d.progIf, 2)}\n`;
    out.print(s);
    if (o.kernel > 0) showKernelMachine(out, d);
    return;
  }
  let s = slotName(d, o);
  s += quoted(lookupClass(n, d.deviceClass));
  s += quoted(lookupVendor(n, d.vendorId));
  s += quoted(lookupDevice(n, d.vendorId, d.deviceId));
  if (d.revId !== 0) s += ` -r${hex(d.revId, 2)}`;
  s += ` -p${hex(d.progIf, 2)}`;
  if (hasSubsys) {
    s += quoted(lookupSubVendor(n, d.subsysVendorId));
    s += quoted(lookupSubDevice(n, d.vendorId, d.deviceId, d.subsysVendorId, d.subsysId));
  } else {
    s += ' "" ""';
  }
  out.print(`${s}\n`);
}
