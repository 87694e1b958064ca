/*
 * Regions and expansion ROMs as lspci.c prints them (show_size, show_range, ioflg_to_pciflg, show_bases,
 * show_rom). The kind of a region comes from the kernel's resource flags; the BAR as the device holds it
 * only decides "[virtual]" (the OS reports an address the BAR lacks) and "<ignored>".
 */
import { confLong, confWord, hex, type Out, type PciDev } from "./types.js";

const PCI_COMMAND_IO = 0x1;
const PCI_COMMAND_MEMORY = 0x2;
const SPACE_IO = 0x01;
const MEM_TYPE_MASK = 0x06;
const MEM_TYPE_32 = 0x00;
const MEM_TYPE_1M = 0x02;
const MEM_TYPE_64 = 0x04;
const MEM_PREFETCH = 0x08;
const ROM_ADDRESS_MASK = ~0x7ffn;
const ROM_ADDRESS_ENABLE = 0x01;

/** Linux IORESOURCE_* bits, as lib/pci.h mirrors them (PCI_IORESOURCE_*). */
export const IORESOURCE_IO = 0x100n;
export const IORESOURCE_MEM = 0x200n;
export const IORESOURCE_TYPE_BITS = 0x1f00n;
export const IORESOURCE_PREFETCH = 0x2000n;
export const IORESOURCE_MEM_64 = 0x100000n;
export const IORESOURCE_IO_16BIT_ADDR = 1n << 17n;
export const IORESOURCE_PCI_EA_BEI = 1n << 5n;

/** " [size=N<unit>]": the largest unit that divides the size exactly (show_size). */
export function sizeText(x: bigint): string {
  if (x === 0n) return "";
  const suffix = ["", "K", "M", "G", "T"];
  let i = 0;
  for (; i < suffix.length - 1; i++) {
    if (x % 1024n !== 0n) break;
    x /= 1024n;
  }
  return ` [size=${BigInt.asUintN(32, x).toString()}${suffix[i]}]`;
}

/** show_range(): bridge windows and the like. */
export function showRange(out: Out, verbose: number, prefix: string, base: bigint, limit: bigint, bits: number, disabled: boolean): void {
  let s = `${prefix}:`;
  const w = Math.floor((bits + 3) / 4);
  if (base <= limit || verbose > 2) s += ` ${hex(base, w)}-${hex(limit, w)}`;
  if (!disabled && base <= limit) s += sizeText(limit - base + 1n);
  else s += " [disabled]";
  if (bits !== 0) s += ` [${bits}-bit]`;
  out.print(`${s}\n`);
}

/** ioflg_to_pciflg(): the kernel's resource flags turned back into BAR type bits. */
export function ioflgToPciflg(ioflg: bigint): number {
  if ((ioflg & IORESOURCE_IO) !== 0n) return SPACE_IO;
  if ((ioflg & IORESOURCE_MEM) === 0n) return 0;
  let flg = (ioflg & IORESOURCE_MEM_64) !== 0n ? MEM_TYPE_64 : MEM_TYPE_32;
  if ((ioflg & IORESOURCE_PREFETCH) !== 0n) flg |= MEM_PREFETCH;
  return flg;
}

/** show_bases(): "Region N: " only for -vv, a tab otherwise. */
export function showBases(out: Out, d: PciDev, verbose: number, cnt: number, withoutConfigData: boolean): void {
  const cmd = withoutConfigData ? PCI_COMMAND_IO | PCI_COMMAND_MEMORY : confWord(d, 0x04);
  for (let i = 0; i < cnt; i++) {
    const pos = d.baseAddr[i] ?? 0n;
    const len = d.size[i] ?? 0n;
    const ioflg = d.flags[i] ?? 0n;
    const flg = ioflgToPciflg(ioflg);
    let hwLower = 0;
    let hwUpper = 0;
    let broken = false;
    let virtual = false;
    if (pos === 0n && flg === 0 && len === 0n) continue;
    let s = verbose > 1 ? `\tRegion ${i}: ` : "\t";
    if (!withoutConfigData) {
      hwLower = confLong(d, 0x10 + 4 * i);
      if ((hwLower & SPACE_IO) === (flg & SPACE_IO)) {
        if ((ioflg & IORESOURCE_TYPE_BITS) === IORESOURCE_MEM && (hwLower & MEM_TYPE_MASK) === MEM_TYPE_64) {
          // pciutils reads the upper half at 0x10 + 4*i + 1 here; kept as it is.
          if (i >= cnt - 1) broken = true;
          else hwUpper = confLong(d, 0x10 + 4 * i + 1);
        }
        if (pos !== 0n && hwLower === 0 && hwUpper === 0 && (ioflg & IORESOURCE_PCI_EA_BEI) === 0n) virtual = true;
      }
    }
    if ((flg & SPACE_IO) !== 0) {
      const a = pos & ~3n;
      s += "I/O ports at ";
      if (a !== 0n || (cmd & PCI_COMMAND_IO) !== 0) s += hex(a, 4);
      else s += hwLower !== 0 ? "<ignored>" : "<unassigned>";
      if (virtual) s += " [virtual]";
      else if ((cmd & PCI_COMMAND_IO) === 0) s += " [disabled]";
    } else {
      const t = flg & MEM_TYPE_MASK;
      const a = pos & ~0xfn;
      s += "Memory at ";
      if (broken) s += "<broken-64-bit-slot>";
      else if (a !== 0n) s += hex(a, 8);
      else s += hwLower !== 0 || hwUpper !== 0 ? "<ignored>" : "<unassigned>";
      const type = t === MEM_TYPE_32 ? "32-bit" : t === MEM_TYPE_64 ? "64-bit" : t === MEM_TYPE_1M ? "low-1M" : "type 3";
      s += ` (${type}, ${(flg & MEM_PREFETCH) !== 0 ? "" : "non-"}prefetchable)`;
      if (virtual) s += " [virtual]";
      else if ((cmd & PCI_COMMAND_MEMORY) === 0) s += " [disabled]";
    }
    if ((ioflg & IORESOURCE_PCI_EA_BEI) !== 0n) s += " [enhanced]";
    out.print(`${s}${sizeText(len)}\n`);
  }
}

/** show_rom(): reg is the ROM BAR offset, or -1 when there is no config data to compare with. */
export function showRom(out: Out, d: PciDev, reg: number): void {
  const rom = d.romBaseAddr;
  const len = d.romSize;
  const ioflg = d.romFlags;
  let flg = BigInt(reg >= 0 ? confLong(d, reg) : ioflgToPciflg(ioflg));
  const cmd = reg >= 0 ? confWord(d, 0x04) : PCI_COMMAND_MEMORY;
  let virtual = false;
  if (rom === 0n && flg === 0n && len === 0n) return;
  if (reg >= 0 && (rom & ROM_ADDRESS_MASK) !== 0n && (flg & ROM_ADDRESS_MASK) === 0n && (ioflg & IORESOURCE_PCI_EA_BEI) === 0n) {
    flg = rom;
    virtual = true;
  }
  let s = "\tExpansion ROM at ";
  if ((rom & ROM_ADDRESS_MASK) !== 0n) s += hex(rom & ROM_ADDRESS_MASK, 8);
  else s += (flg & ROM_ADDRESS_MASK) !== 0n ? "<ignored>" : "<unassigned>";
  if (virtual) s += " [virtual]";
  if ((flg & BigInt(ROM_ADDRESS_ENABLE)) === 0n) s += " [disabled]";
  else if (!virtual && (cmd & PCI_COMMAND_MEMORY) === 0) s += " [disabled by cmd]";
  if ((ioflg & IORESOURCE_PCI_EA_BEI) !== 0n) s += " [enhanced]";
  out.print(`${s}${sizeText(len)}\n`);
}
