/** One PCI function as Linux's sysfs shows it under /sys/bus/pci/devices/NAME/. */
export interface SysfsPciFunction {
  /** "0000:00:04.0" */
  name: string;
  /** The `config` file: 256 bytes for root (lspci shows 64 unless -xxx). */
  config: Uint8Array;
  /** The `resource` file lines (BARs 0-5, ROM, ...), as Linux prints them. */
  resource: { start: bigint; end: bigint; flags: bigint }[];
  /** The `irq` file. */
  irq: number;
  /** From /sys/bus/pci/slots/N/address matching this slot (e.g. "4"). */
  physicalSlot?: string;
  /** Basename of the `driver` link, if bound. */
  driver?: string;
  /** Modules the module index knows for this device (none in this small kernel). */
  modules?: string[];
}

export interface LspciResult {
  stdout: string;
  stderr: string;
  status: number;
}

/** lspci's view of one device: libpci's struct pci_dev as lib/sysfs.c fills it, plus the config bytes. */
export interface PciDev {
  domain: number;
  bus: number;
  dev: number;
  func: number;
  vendorId: number;
  deviceId: number;
  /** Base class and subclass, 16 bits. */
  deviceClass: number;
  revId: number;
  progIf: number;
  subsysVendorId: number;
  subsysId: number;
  irq: number;
  baseAddr: bigint[];
  size: bigint[];
  flags: bigint[];
  romBaseAddr: bigint;
  romSize: bigint;
  romFlags: bigint;
  /** Bridge windows from resource lines 13-16, when the kernel printed them (bridges only). */
  bridge: { base: bigint[]; size: bigint[]; flags: bigint[] } | null;
  physSlot: string | null;
  driver: string | null;
  modules: string[];
  /** The whole config file (as much as sysfs let us read). */
  config: Uint8Array;
  /** Bytes lspci caches before asking for more: 64, or 128 for CardBus bridges. */
  configCached: number;
}

/** Options as lspci.c's main() leaves them after getopt. */
export interface LspciOptions {
  verbose: number;
  numericIds: number;
  hex: number;
  tree: number;
  path: number;
  machine: number;
  kernel: number;
  domains: number;
  buscentric: boolean;
  filterGiven: boolean;
}

/** Output sink: what lspci printf()s. */
export class Out {
  private readonly parts: string[] = [];
  print(s: string): void {
    this.parts.push(s);
  }
  text(): string {
    return this.parts.join("");
  }
}

export const hex = (n: number | bigint, width: number): string => n.toString(16).padStart(width, "0");

/** FLAG(x, y) of lspci.h. */
export const flag = (x: number, bit: number): string => ((x & bit) !== 0 ? "+" : "-");

export function confByte(d: PciDev, pos: number): number {
  return d.config[pos] ?? 0;
}
export function confWord(d: PciDev, pos: number): number {
  return confByte(d, pos) | (confByte(d, pos + 1) << 8);
}
export function confLong(d: PciDev, pos: number): number {
  return (confWord(d, pos) | (confWord(d, pos + 2) << 16)) >>> 0;
}
/** config_fetch(): as root, sysfs gives every byte the config file has. */
export function configFetch(d: PciDev, pos: number, len: number): boolean {
  return pos + len <= d.config.length;
}
