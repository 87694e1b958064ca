/*
 * The capability list of ls-caps.c / ls-caps-vendor.c: "\tCapabilities: [xx] " then one decoder per ID.
 * Decoded fully: Power Management, MSI, MSI-X, Vendor Specific (virtio's layout on 1af4:1000-107f,
 * "Len=xx <?>" otherwise), Slot ID, Subsystem (SSVID), Debug port, PCI Advanced Features and the
 * one-line IDs. PCI Express gets its first line only, and extended capabilities are not walked.
 */
import { lookupSubsystem, type NumericMode } from "./names.js";
import { confByte, confLong, confWord, configFetch, flag, hex, type Out, type PciDev } from "./types.js";

const bits = (x: number, at: number, n: number): number => (x >>> at) & ((1 << n) - 1);

function capPm(out: Out, d: PciDev, where: number, cap: number, verbose: number): void {
  const aux = [0, 55, 100, 160, 220, 270, 320, 375];
  out.print(`Power Management version ${cap & 7}\n`);
  if (verbose < 2) return;
  out.print(
    `\t\tFlags: PMEClk${flag(cap, 0x8)} DSI${flag(cap, 0x20)} D1${flag(cap, 0x200)} D2${flag(cap, 0x400)} ` +
      `AuxCurrent=${aux[(cap >> 6) & 7]}mA PME(D0${flag(cap, 0x800)},D1${flag(cap, 0x1000)},D2${flag(cap, 0x2000)},` +
      `D3hot${flag(cap, 0x4000)},D3cold${flag(cap, 0x8000)})\n`,
  );
  if (!configFetch(d, where + 4, 4)) return;
  const t = confWord(d, where + 4);
  out.print(
    `\t\tStatus: D${t & 3} NoSoftRst${flag(t, 0x8)} PME-Enable${flag(t, 0x100)} DSel=${(t & 0x1e00) >> 9} ` +
      `DScale=${(t & 0x6000) >> 13} PME${flag(t, 0x8000)}\n`,
  );
  const b = confByte(d, where + 6);
  if (b !== 0) out.print(`\t\tBridge: PM${flag(b, 0x80)} B3${flag(~b, 0x40)}\n`);
}

function capMsi(out: Out, d: PciDev, where: number, cap: number, verbose: number): void {
  out.print(
    `MSI: Enable${flag(cap, 0x1)} Count=${1 << ((cap & 0x70) >> 4)}/${1 << ((cap & 0x0e) >> 1)} ` +
      `Maskable${flag(cap, 0x100)} 64bit${flag(cap, 0x80)}\n`,
  );
  if (verbose < 2) return;
  const is64 = (cap & 0x80) !== 0;
  if (!configFetch(d, where + 4, (is64 ? 0x0c : 0x08) + 2 - 4)) return;
  let s = "\t\tAddress: ";
  let w: number;
  if (is64) {
    s += hex(confLong(d, where + 8), 8);
    w = confWord(d, where + 0x0c);
  } else {
    w = confWord(d, where + 8);
  }
  out.print(`${s}${hex(confLong(d, where + 4), 8)}  Data: ${hex(w, 4)}\n`);
  if ((cap & 0x100) !== 0) {
    const maskAt = where + (is64 ? 0x10 : 0x0c);
    if (!configFetch(d, maskAt, 8)) return;
    out.print(`\t\tMasking: ${hex(confLong(d, maskAt), 8)}  Pending: ${hex(confLong(d, maskAt + 4), 8)}\n`);
  }
}

function capMsix(out: Out, d: PciDev, where: number, cap: number, verbose: number): void {
  out.print(`MSI-X: Enable${flag(cap, 0x8000)} Count=${(cap & 0x7ff) + 1} Masked${flag(cap, 0x4000)}\n`);
  if (verbose < 2 || !configFetch(d, where + 4, 8)) return;
  const table = confLong(d, where + 4);
  const pba = confLong(d, where + 8);
  out.print(`\t\tVector table: BAR=${table & 7} offset=${hex((table & ~7) >>> 0, 8)}\n`);
  out.print(`\t\tPBA: BAR=${pba & 7} offset=${hex((pba & ~7) >>> 0, 8)}\n`);
}

/** show_vendor_caps_virtio(): the virtio-pci capability layout (cfg type, BAR, offset, length). */
function capVirtio(out: Out, d: PciDev, where: number, cap: number, verbose: number): boolean {
  const length = bits(cap, 0, 8);
  const type = bits(cap, 8, 8);
  if (length < 16 || !configFetch(d, where, length)) return false;
  const names: Record<number, string> = { 1: "CommonCfg", 2: "Notify", 3: "ISR", 4: "DeviceCfg", 8: "SharedMemory" };
  out.print(`VirtIO: ${names[type] ?? "<unknown>"}\n`);
  if (verbose < 2) return true;
  const offset = confLong(d, where + 8);
  const size = confLong(d, where + 12);
  let s: string;
  if (type !== 8) {
    s = `\t\tBAR=${confByte(d, where + 4)} offset=${hex(offset, 8)} size=${hex(size, 8)}`;
  } else {
    const off64 = BigInt(offset) | (BigInt(confLong(d, where + 16)) << 32n);
    const size64 = BigInt(size) | (BigInt(confLong(d, where + 20)) << 32n);
    s = `\t\tBAR=${confByte(d, where + 4)} offset=${hex(off64, 16)} size=${hex(size64, 16)} id=${confByte(d, where + 5)}`;
  }
  if (type === 2 && length >= 20) s += ` multiplier=${hex(confLong(d, where + 16), 8)}`;
  out.print(`${s}\n`);
  return true;
}

function capVendor(out: Out, d: PciDev, where: number, cap: number, verbose: number): void {
  out.print("Vendor Specific Information: ");
  if (d.vendorId === 0x1af4 && d.deviceId >= 0x1000 && d.deviceId <= 0x107f && capVirtio(out, d, where, cap, verbose)) return;
  out.print(`Len=${hex(bits(cap, 0, 8), 2)} <?>\n`);
}

function capExpressFirstLine(out: Out, cap: number, verbose: number): void {
  const type = (cap & 0xf0) >> 4;
  const names: Record<number, string> = {
    0: "Endpoint",
    1: "Legacy Endpoint",
    4: `Root Port (Slot${flag(cap, 0x100)})`,
    5: "Upstream Port",
    6: `Downstream Port (Slot${flag(cap, 0x100)})`,
    7: "PCI-Express to PCI/PCI-X Bridge",
    8: "PCI/PCI-X to PCI-Express Bridge",
    9: "Root Complex Integrated Endpoint",
    10: "Root Complex Event Collector",
  };
  const ver = verbose >= 2 ? `(v${cap & 0xf}) ` : "";
  out.print(`Express ${ver}${names[type] ?? `Unknown type ${type}`}, MSI ${hex((cap & 0x3e00) >> 9, 2)}\n`);
}

/** show_caps(): walk the list from the pointer at `where`, guarding against loops. */
export function showCaps(out: Out, d: PciDev, where: number, verbose: number, numeric: NumericMode): void {
  if ((confWord(d, 0x06) & 0x10) === 0) return;
  const beenThere = new Uint8Array(256);
  where = confByte(d, where) & ~3;
  while (where !== 0) {
    out.print("\tCapabilities: ");
    if (!configFetch(d, where, 4)) {
      out.print("<access denied>\n");
      break;
    }
    const id = confByte(d, where);
    const next = confByte(d, where + 1) & ~3;
    const cap = confWord(d, where + 2);
    out.print(`[${hex(where, 2)}] `);
    if (beenThere[where]++) {
      out.print("<chain looped>\n");
      break;
    }
    if (id === 0xff) {
      out.print("<chain broken>\n");
      break;
    }
    switch (id) {
      case 0x01: capPm(out, d, where, cap, verbose); break;
      case 0x02: out.print(`AGP version ${(cap >> 4) & 0x0f}.${cap & 0x0f}\n`); break;
      case 0x03: out.print("Vital Product Data\n"); break;
      case 0x04: out.print(`Slot ID: ${cap & 0x1f} slots, First${flag(cap, 0x20)}, chassis ${hex(cap >> 8, 2)}\n`); break;
      case 0x05: capMsi(out, d, where, cap, verbose); break;
      case 0x06: out.print("CompactPCI hot-swap <?>\n"); break;
      case 0x09: capVendor(out, d, where, cap, verbose); break;
      case 0x0a: out.print(`Debug port: BAR=${cap >> 13} offset=${hex(cap & 0x1fff, 4)}\n`); break;
      case 0x0b: out.print("CompactPCI central resource control <?>\n"); break;
      case 0x0c: out.print("Hot-plug capable\n"); break;
      case 0x0d:
        if (configFetch(d, where, 8)) {
          const name = lookupSubsystem(numeric, d.vendorId, d.deviceId, confWord(d, where + 4), confWord(d, where + 6));
          out.print(`Subsystem: ${name}\n`);
        }
        break;
      case 0x0e: out.print("AGP3 <?>\n"); break;
      case 0x0f: out.print("Secure device <?>\n"); break;
      case 0x10: capExpressFirstLine(out, cap, verbose); break;
      case 0x11: capMsix(out, d, where, cap, verbose); break;
      case 0x13: {
        out.print("PCI Advanced Features\n");
        if (verbose >= 2 && configFetch(d, where + 3, 3)) {
          out.print(`\t\tAFCap: TP${flag(confByte(d, where + 3), 0x1)} FLR${flag(confByte(d, where + 3), 0x2)}\n`);
          out.print(`\t\tAFCtrl: FLR${flag(confByte(d, where + 4), 0x1)}\n`);
          out.print(`\t\tAFStatus: TP${flag(confByte(d, where + 5), 0x1)}\n`);
        }
        break;
      }
      default: out.print(`#${hex(id, 2)} [${hex(cap, 4)}]\n`);
    }
    where = next;
  }
}
