/*
 * lspci.c's show_terse(), show_verbose() with the three header layouts, and ls-kernel.c's show_kernel().
 * Order of the -v/-vv lines: Subsystem, Physical Slot, Control/Status/Latency (-vv), Interrupt (-vv),
 * Flags (-v), BIST, regions, ROM, capabilities, then "Kernel driver in use" and "Kernel modules".
 */
import { IORESOURCE_IO, IORESOURCE_IO_16BIT_ADDR, IORESOURCE_MEM, IORESOURCE_MEM_64, IORESOURCE_PREFETCH, showBases, showRange, showRom } from "./bases.js";
import { showCaps } from "./caps.js";
import { lookupClass, lookupProgIf, lookupSubsystem, lookupVendorDevice } from "./names.js";
import { confByte, confLong, confWord, flag, hex, type LspciOptions, type Out, type PciDev } from "./types.js";

/** show_slot_name(): the domain only when some device has one, or with -D (always with -mm if nonzero). */
export function slotName(d: PciDev, o: LspciOptions): string {
  const showDomain = o.machine === 0 ? o.domains > 0 : d.domain !== 0 || o.domains >= 2;
  return `${showDomain ? `${hex(d.domain, 4)}:` : ""}${hex(d.bus, 2)}:${hex(d.dev, 2)}.${d.func}`;
}

export function showTerse(out: Out, d: PciDev, o: LspciOptions): void {
  let s = `${slotName(d, o)} ${lookupClass(o.numericIds, d.deviceClass)}: ${lookupVendorDevice(o.numericIds, d.vendorId, d.deviceId)}`;
  if (d.revId !== 0) s += ` (rev ${hex(d.revId, 2)})`;
  if (o.verbose > 0) {
    const x = lookupProgIf(d.deviceClass, d.progIf);
    if (d.progIf !== 0 || x !== null) s += ` (prog-if ${hex(d.progIf, 2)}${x !== null ? ` [${x}]` : ""})`;
  }
  out.print(`${s}\n`);
  if ((o.verbose > 0 || o.kernel > 0) && d.subsysVendorId !== 0 && d.subsysVendorId !== 0xffff) {
    out.print(`\tSubsystem: ${lookupSubsystem(o.numericIds, d.vendorId, d.deviceId, d.subsysVendorId, d.subsysId)}\n`);
  }
}

const devsel = (status: number): string => ["fast", "medium", "slow", "??"][(status >> 9) & 3]!;

function showHtype1(out: Out, d: PciDev, o: LspciOptions): void {
  const v = o.verbose;
  let ioBase = confByte(d, 0x1c);
  let ioLimit = confByte(d, 0x1d);
  const ioType = ioBase & 0x0f;
  let memBase = confWord(d, 0x20);
  let memLimit = confWord(d, 0x22);
  const memType = memBase & 0x0f;
  const prefBase = confWord(d, 0x24);
  const prefLimit = confWord(d, 0x26);
  const prefType = prefBase & 0x0f;
  const secStat = confWord(d, 0x1e);
  const brc = confWord(d, 0x3e);
  const br = d.bridge;
  const disabled = (i: number): boolean => br !== null && (br.size[i] ?? 0n) === 0n;
  showBases(out, d, v, 2, false);
  out.print(
    `\tBus: primary=${hex(confByte(d, 0x18), 2)}, secondary=${hex(confByte(d, 0x19), 2)}, ` +
      `subordinate=${hex(confByte(d, 0x1a), 2)}, sec-latency=${confByte(d, 0x1b)}\n`,
  );
  if (br !== null && !disabled(0)) {
    const base = br.base[0]! & ~0x0fn;
    showRange(out, v, "\tI/O behind bridge", base, base + br.size[0]! - 1n, (br.base[0]! & 0x0fn) === 1n ? 32 : 16, false);
  } else if (ioType !== (ioLimit & 0x0f) || (ioType !== 0 && ioType !== 1)) {
    out.print(`\t!!! Unknown I/O range types ${ioBase.toString(16)}/${ioLimit.toString(16)}\n`);
  } else {
    ioBase = (ioBase & 0xf0) << 8;
    ioLimit = (ioLimit & 0xf0) << 8;
    if (ioType === 1) {
      ioBase = (ioBase | (confWord(d, 0x30) << 16)) >>> 0;
      ioLimit = (ioLimit | (confWord(d, 0x32) << 16)) >>> 0;
    }
    if (!(ioBase === 0 && ioLimit === 0 && disabled(0))) {
      showRange(out, v, "\tI/O behind bridge", BigInt(ioBase), BigInt(ioLimit + 0xfff), ioType === 1 ? 32 : 16, disabled(0));
    }
  }
  if (br !== null && !disabled(1)) {
    const base = br.base[1]! & ~0x0fn;
    showRange(out, v, "\tMemory behind bridge", base, base + br.size[1]! - 1n, 32, false);
  } else if (memType !== (memLimit & 0x0f) || memType !== 0) {
    out.print(`\t!!! Unknown memory range types ${memBase.toString(16)}/${memLimit.toString(16)}\n`);
  } else {
    memBase = ((memBase & 0xfff0) << 16) >>> 0;
    memLimit = ((memLimit & 0xfff0) << 16) >>> 0;
    showRange(out, v, "\tMemory behind bridge", BigInt(memBase), BigInt(memLimit + 0xfffff), 32, disabled(1));
  }
  if (br !== null && !disabled(2)) {
    const base = br.base[2]! & ~0x0fn;
    const bitsP = (br.base[2]! & 0x0fn) === 1n ? 64 : 32;
    showRange(out, v, "\tPrefetchable memory behind bridge", base, base + br.size[2]! - 1n, bitsP, false);
  } else if (prefType !== (prefLimit & 0x0f) || (prefType !== 0 && prefType !== 1)) {
    out.print(`\t!!! Unknown prefetchable memory range types ${prefBase.toString(16)}/${prefLimit.toString(16)}\n`);
  } else {
    let b = BigInt(prefBase & 0xfff0) << 16n;
    let l = BigInt(prefLimit & 0xfff0) << 16n;
    if (prefType === 1) {
      b |= BigInt(confLong(d, 0x28)) << 32n;
      l |= BigInt(confLong(d, 0x2c)) << 32n;
    }
    if (!(b === 0n && l === 0n && disabled(2))) {
      showRange(out, v, "\tPrefetchable memory behind bridge", b, l + 0xfffffn, prefType === 1 ? 64 : 32, disabled(2));
    }
  }
  if (v > 1) {
    out.print(
      `\tSecondary status: 66MHz${flag(secStat, 0x20)} FastB2B${flag(secStat, 0x80)} ParErr${flag(secStat, 0x100)} ` +
        `DEVSEL=${devsel(secStat)} >TAbort${flag(secStat, 0x800)} <TAbort${flag(secStat, 0x1000)} ` +
        `<MAbort${flag(secStat, 0x2000)} <SERR${flag(secStat, 0x4000)} <PERR${flag(secStat, 0x8000)}\n`,
    );
  }
  showRom(out, d, 0x38);
  if (v > 1) {
    out.print(
      `\tBridgeCtl: Parity${flag(brc, 0x1)} SERR${flag(brc, 0x2)} NoISA${flag(brc, 0x4)} VGA${flag(brc, 0x8)} ` +
        `VGA16${flag(brc, 0x10)} MAbort${flag(brc, 0x20)} >Reset${flag(brc, 0x40)} FastB2B${flag(brc, 0x80)}\n`,
    );
    out.print(
      `\t\tPriDiscTmr${flag(brc, 0x100)} SecDiscTmr${flag(brc, 0x200)} DiscTmrStat${flag(brc, 0x400)} ` +
        `DiscTmrSERREn${flag(brc, 0x800)}\n`,
    );
  }
  showCaps(out, d, 0x34, v, o.numericIds);
}

function showHtype2(out: Out, d: PciDev, o: LspciOptions): void {
  const cmd = confWord(d, 0x04);
  const brc = confWord(d, 0x3e);
  const verb = o.verbose > 2;
  showBases(out, d, o.verbose, 1, false);
  out.print(
    `\tBus: primary=${hex(confByte(d, 0x18), 2)}, secondary=${hex(confByte(d, 0x19), 2)}, ` +
      `subordinate=${hex(confByte(d, 0x1a), 2)}, sec-latency=${confByte(d, 0x1b)}\n`,
  );
  for (let i = 0; i < 2; i++) {
    const base = confLong(d, 0x1c + 8 * i);
    const limit = (confLong(d, 0x20 + 8 * i) + 0xfff) >>> 0;
    if (base <= limit || verb) {
      out.print(
        `\tMemory window ${i}: ${hex(base, 8)}-${hex(limit, 8)}${(cmd & 0x2) !== 0 ? "" : " [disabled]"}` +
          `${(brc & (0x100 << i)) !== 0 ? " (prefetchable)" : ""}\n`,
      );
    }
  }
  for (let i = 0; i < 2; i++) {
    let base = confLong(d, 0x2c + 8 * i);
    let limit = confLong(d, 0x30 + 8 * i);
    if ((base & 1) === 0) {
      base &= 0xffff;
      limit &= 0xffff;
    }
    base = (base & ~3) >>> 0;
    limit = ((limit & ~3) + 3) >>> 0;
    if (base <= limit || verb) out.print(`\tI/O window ${i}: ${hex(base, 8)}-${hex(limit, 8)}${(cmd & 0x1) !== 0 ? "" : " [disabled]"}\n`);
  }
  if ((confWord(d, 0x16) & 0x4000) !== 0) out.print("\tSecondary status: SERR\n");
  if (o.verbose > 1) {
    out.print(
      `\tBridgeCtl: Parity${flag(brc, 0x1)} SERR${flag(brc, 0x2)} ISA${flag(brc, 0x4)} VGA${flag(brc, 0x8)} ` +
        `MAbort${flag(brc, 0x20)} >Reset${flag(brc, 0x40)} 16bInt${flag(brc, 0x80)} PostWrite${flag(brc, 0x400)}\n`,
    );
  }
  if (d.configCached < 128) {
    out.print("\t<access denied to the rest>\n");
    return;
  }
  const exca = confWord(d, 0x44);
  if (exca !== 0) out.print(`\t16-bit legacy interface ports at ${hex(exca, 4)}\n`);
  showCaps(out, d, 0x14, o.verbose, o.numericIds);
}

/** show_htype_unknown(): kernel resources only. */
function showHtypeUnknown(out: Out, d: PciDev, o: LspciOptions): void {
  if (o.buscentric) return;
  showBases(out, d, o.verbose, 6, true);
  const br = d.bridge;
  for (let i = 0; br !== null && i < 4; i++) {
    const base = br.base[i] ?? 0n;
    if (base === 0n) continue;
    const fl = br.flags[i] ?? 0n;
    let bitsW = 0;
    let str = "\tUnknown resource behind bridge";
    if ((fl & IORESOURCE_IO) !== 0n) {
      bitsW = (fl & IORESOURCE_IO_16BIT_ADDR) !== 0n ? 16 : 32;
      str = "\tI/O behind bridge";
    } else if ((fl & IORESOURCE_MEM) !== 0n) {
      bitsW = (fl & IORESOURCE_MEM_64) !== 0n ? 64 : 32;
      str = (fl & IORESOURCE_PREFETCH) !== 0n ? "\tPrefetchable memory behind bridge" : "\tMemory behind bridge";
    }
    showRange(out, o.verbose, str, base, base + (br.size[i] ?? 0n) - 1n, bitsW, false);
  }
  showRom(out, d, -1);
}

export function showVerbose(out: Out, d: PciDev, o: LspciOptions): void {
  const cls = d.deviceClass;
  const htype = confByte(d, 0x0e) & 0x7f;
  let bist = 0;
  let maxLat = 0;
  let minGnt = 0;
  let unknown = false;
  showTerse(out, d, o);
  if (htype === 0) {
    if (cls === 0x0604) out.print(`\t!!! Invalid class ${hex(cls, 4)} for header type ${hex(htype, 2)}\n`);
    bist = confByte(d, 0x0f);
    maxLat = confByte(d, 0x3f);
    minGnt = confByte(d, 0x3e);
  } else if (htype === 1 || htype === 2) {
    if (cls >> 8 !== 0x06) out.print(`\t!!! Invalid class ${hex(cls, 4)} for header type ${hex(htype, 2)}\n`);
    bist = confByte(d, 0x0f);
  } else {
    out.print(`\t!!! Unknown header type ${hex(htype, 2)}\n`);
    unknown = true;
  }
  if (d.physSlot !== null) out.print(`\tPhysical Slot: ${d.physSlot}\n`);
  const cmd = confWord(d, 0x04);
  const status = confWord(d, 0x06);
  if (!unknown && o.verbose > 1) {
    out.print(
      `\tControl: I/O${flag(cmd, 0x1)} Mem${flag(cmd, 0x2)} BusMaster${flag(cmd, 0x4)} SpecCycle${flag(cmd, 0x8)} ` +
        `MemWINV${flag(cmd, 0x10)} VGASnoop${flag(cmd, 0x20)} ParErr${flag(cmd, 0x40)} Stepping${flag(cmd, 0x80)} ` +
        `SERR${flag(cmd, 0x100)} FastB2B${flag(cmd, 0x200)} DisINTx${flag(cmd, 0x400)}\n`,
    );
    out.print(
      `\tStatus: Cap${flag(status, 0x10)} 66MHz${flag(status, 0x20)} UDF${flag(status, 0x40)} FastB2B${flag(status, 0x80)} ` +
        `ParErr${flag(status, 0x100)} DEVSEL=${devsel(status)} >TAbort${flag(status, 0x800)} <TAbort${flag(status, 0x1000)} ` +
        `<MAbort${flag(status, 0x2000)} >SERR${flag(status, 0x4000)} <PERR${flag(status, 0x8000)} INTx${flag(status, 0x8)}\n`,
    );
    if ((cmd & 0x4) !== 0) {
      let s = `\tLatency: ${confByte(d, 0x0d)}`;
      if (minGnt !== 0 || maxLat !== 0) {
        const parts = [minGnt !== 0 ? `${minGnt * 250}ns min` : "", maxLat !== 0 ? `${maxLat * 250}ns max` : ""];
        s += ` (${parts.filter((p) => p !== "").join(", ")})`;
      }
      const cacheLine = confByte(d, 0x0c);
      if (cacheLine !== 0) s += `, Cache Line Size: ${cacheLine * 4} bytes`;
      out.print(`${s}\n`);
    }
  }
  if (o.verbose > 1) {
    const pin = unknown ? 0 : confByte(d, 0x3d);
    if (pin !== 0 || d.irq !== 0) {
      out.print(`\tInterrupt: pin ${pin !== 0 ? String.fromCharCode(0x40 + pin) : "?"} routed to IRQ ${d.irq}\n`);
    }
  }
  if (!unknown && o.verbose <= 1) {
    let s = "\tFlags: ";
    if ((cmd & 0x4) !== 0) s += "bus master, ";
    if ((cmd & 0x20) !== 0) s += "VGA palette snoop, ";
    if ((cmd & 0x80) !== 0) s += "stepping, ";
    if ((cmd & 0x200) !== 0) s += "fast Back2Back, ";
    if ((status & 0x20) !== 0) s += "66MHz, ";
    if ((status & 0x40) !== 0) s += "user-definable features, ";
    s += `${devsel(status)} devsel`;
    if ((cmd & 0x4) !== 0) s += `, latency ${confByte(d, 0x0d)}`;
    if (d.irq !== 0) s += `, IRQ ${d.irq}`;
    out.print(`${s}\n`);
  }
  if ((bist & 0x80) !== 0) {
    out.print((bist & 0x40) !== 0 ? "\tBIST is running\n" : `\tBIST result: ${hex(bist & 0x0f, 2)}\n`);
  }
  if (htype === 0) {
    showBases(out, d, o.verbose, 6, false);
    showRom(out, d, 0x30);
    showCaps(out, d, 0x34, o.verbose, o.numericIds);
  } else if (htype === 1) showHtype1(out, d, o);
  else if (htype === 2) showHtype2(out, d, o);
  else showHtypeUnknown(out, d, o);
}

/** show_kernel(): the bound driver, then the modules the module index matches. */
export function showKernel(out: Out, d: PciDev): void {
  if (d.driver !== null) out.print(`\tKernel driver in use: ${d.driver}\n`);
  if (d.modules.length > 0) out.print(`\tKernel modules: ${d.modules.join(", ")}\n`);
}

/** show_kernel_machine(). */
export function showKernelMachine(out: Out, d: PciDev): void {
  if (d.driver !== null) out.print(`Driver:\t${d.driver}\n`);
  for (const m of d.modules) out.print(`Module:\t${m}\n`);
}
