/*
 * From sysfs files to libpci's struct pci_dev, as lib/sysfs.c fills it: bases are `start | (flags & 0xf)`
 * (PCI_ADDR_FLAG_MASK), a size is `end - start + 1` only when end > start (so the kernel's one-byte legacy
 * IDE ports have no size), the full resource flags are kept (PCI_FILL_IO_FLAGS), line 6 is the ROM and
 * lines 13-16 are bridge windows when the kernel prints them.
 */
import type { PciDev, SysfsPciFunction } from "./types.js";

const PCI_ADDR_FLAG_MASK = 0xfn;

/** sysfs_scan() reads "%x:%x:%x.%d" from each entry name; null when that fails. */
export function parseName(name: string): { domain: number; bus: number; dev: number; func: number } | null {
  const m = /^([0-9a-fA-F]+):([0-9a-fA-F]+):([0-9a-fA-F]+)\.(\d+)$/.exec(name);
  if (m === null) return null;
  return { domain: parseInt(m[1]!, 16), bus: parseInt(m[2]!, 16), dev: parseInt(m[3]!, 16), func: parseInt(m[4]!, 16) };
}

const byte = (c: Uint8Array, pos: number): number => c[pos] ?? 0;
const word = (c: Uint8Array, pos: number): number => byte(c, pos) | (byte(c, pos + 1) << 8);

/** Subsystem IDs as the kernel exposes them: header type 0 and 2 registers, or a bridge's SSVID capability. */
function subsystemIds(c: Uint8Array): { sv: number; sd: number } {
  const htype = byte(c, 0x0e) & 0x7f;
  if (htype === 0) return { sv: word(c, 0x2c), sd: word(c, 0x2e) };
  if (htype === 2) return c.length >= 0x44 ? { sv: word(c, 0x40), sd: word(c, 0x42) } : { sv: 0, sd: 0 };
  if ((word(c, 0x06) & 0x10) !== 0) {
    let where = byte(c, 0x34) & ~3;
    for (let guard = 0; where !== 0 && guard < 48; guard++) {
      if (byte(c, where) === 0x0d) return { sv: word(c, where + 4), sd: word(c, where + 6) };
      where = byte(c, where + 1) & ~3;
    }
  }
  return { sv: 0, sd: 0 };
}

export function toPciDev(fn: SysfsPciFunction): PciDev {
  const loc = parseName(fn.name) ?? { domain: 0, bus: 0, dev: 0, func: 0 };
  const c = fn.config;
  const baseAddr: bigint[] = [];
  const size: bigint[] = [];
  const flags: bigint[] = [];
  const res = (i: number): { start: bigint; end: bigint; flags: bigint } => fn.resource[i] ?? { start: 0n, end: 0n, flags: 0n };
  const sizeOf = (r: { start: bigint; end: bigint }): bigint => (r.end > r.start ? r.end - r.start + 1n : 0n);
  for (let i = 0; i < 6; i++) {
    const r = res(i);
    baseAddr.push(r.start | (r.flags & PCI_ADDR_FLAG_MASK));
    size.push(sizeOf(r));
    flags.push(r.flags);
  }
  const rom = res(6);
  let bridge: PciDev["bridge"] = null;
  if (fn.resource.length >= 17) {
    bridge = { base: [], size: [], flags: [] };
    for (let i = 13; i < 17; i++) {
      const r = res(i);
      bridge.base.push(r.start | (r.flags & PCI_ADDR_FLAG_MASK));
      bridge.size.push(sizeOf(r));
      bridge.flags.push(r.flags);
    }
  }
  const { sv, sd } = subsystemIds(c);
  const cardbus = (byte(c, 0x0e) & 0x7f) === 2 && c.length >= 128;
  return {
    ...loc,
    vendorId: word(c, 0),
    deviceId: word(c, 2),
    deviceClass: word(c, 0x0a),
    revId: byte(c, 0x08),
    progIf: byte(c, 0x09),
    subsysVendorId: sv,
    subsysId: sd,
    irq: fn.irq,
    baseAddr,
    size,
    flags,
    romBaseAddr: rom.start | (rom.flags & PCI_ADDR_FLAG_MASK),
    romSize: sizeOf(rom),
    romFlags: rom.flags,
    bridge,
    physSlot: fn.physicalSlot ?? null,
    driver: fn.driver ?? null,
    modules: fn.modules ?? [],
    config: c,
    configCached: cardbus ? 128 : 64,
  };
}

/** compare_them(): domain, bus, device, function. */
export function compareDevs(a: PciDev, b: PciDev): number {
  return a.domain - b.domain || a.bus - b.bus || a.dev - b.dev || a.func - b.func;
}
