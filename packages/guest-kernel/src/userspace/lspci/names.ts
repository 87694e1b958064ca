/*
 * ID-to-name translation as lib/names.c's pci_lookup_name() does it: the pci.ids tables, the
 * per-device subsystem lookup with its fallbacks (id_lookup_subsys), and format_name() /
 * format_name_pair() for the plain, numeric (-n) and mixed (-nn) modes.
 */
import { PCI_IDS_SUBSET } from "./ids-data.js";
import { hex } from "./types.js";

interface IdTables {
  vendor: Map<number, string>;
  device: Map<string, string>;
  subsystem: Map<string, string>;
  cls: Map<number, string>;
  subclass: Map<string, string>;
  progif: Map<string, string>;
}

function parseIds(text: string): IdTables {
  const t: IdTables = {
    vendor: new Map(),
    device: new Map(),
    subsystem: new Map(),
    cls: new Map(),
    subclass: new Map(),
    progif: new Map(),
  };
  let inClass = false;
  let id1 = 0;
  let id2 = 0;
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const nest = line.startsWith("\t\t") ? 2 : line.startsWith("\t") ? 1 : 0;
    const body = line.slice(nest);
    if (nest === 0 && body.startsWith("C ")) {
      inClass = true;
      id1 = parseInt(body.slice(2, 4), 16);
      t.cls.set(id1, body.slice(6));
    } else if (nest === 0) {
      inClass = false;
      id1 = parseInt(body.slice(0, 4), 16);
      t.vendor.set(id1, body.slice(6));
    } else if (inClass && nest === 1) {
      id2 = parseInt(body.slice(0, 2), 16);
      t.subclass.set(`${id1}:${id2}`, body.slice(4));
    } else if (inClass) {
      t.progif.set(`${id1}:${id2}:${parseInt(body.slice(0, 2), 16)}`, body.slice(4));
    } else if (nest === 1) {
      id2 = parseInt(body.slice(0, 4), 16);
      t.device.set(`${id1}:${id2}`, body.slice(6));
    } else {
      const sv = parseInt(body.slice(0, 4), 16);
      const sd = parseInt(body.slice(5, 9), 16);
      t.subsystem.set(`${id1}:${id2}:${sv}:${sd}`, body.slice(11));
    }
  }
  return t;
}

const ids = parseIds(PCI_IDS_SUBSET);

/** The -n count: 0 names, 1 numbers (PCI_LOOKUP_NUMERIC), 2+ both (PCI_LOOKUP_MIXED). */
export type NumericMode = number;

const vendorName = (v: number): string | null => ids.vendor.get(v) ?? null;
const deviceName = (v: number, d: number): string | null => ids.device.get(`${v}:${d}`) ?? null;

/** id_lookup_subsys(): per-device entry, then generic subsystem (none in pci.ids), then subsystem == device. */
function subsysName(v: number, d: number, sv: number, sd: number): string | null {
  let name: string | null = null;
  if (v > 0 && d > 0) name = ids.subsystem.get(`${v}:${d}:${sv}:${sd}`) ?? null;
  if (name === null && v === sv && d === sd) name = deviceName(v, d);
  return name;
}

/** snprintf() into a fixed buffer; an overflow ends in "..." as format_name() does. */
function fit(s: string, size: number): string {
  return s.length >= size ? `${s.slice(0, size - 4)}...` : s;
}

function formatName(mode: NumericMode, name: string | null, num: string, unknown: string, size: number, forceMixed = false): string {
  // A forced mix (class known by its base only) never overrides -n, as names.c checks NUMERIC first.
  if (mode === 1) return fit(num, size);
  const mixed = mode >= 2 || forceMixed;
  if (name === null) return fit(mixed ? `${unknown} [${num}]` : `${unknown} ${num}`, size);
  return fit(mixed ? `${name} [${num}]` : name, size);
}

function formatNamePair(mode: NumericMode, v: string | null, d: string | null, num: string, size: number): string {
  if (mode === 1) return fit(num, size);
  if (mode >= 2) {
    if (v !== null && d !== null) return fit(`${v} ${d} [${num}]`, size);
    return fit(v === null ? `Device [${num}]` : `${v} Device [${num}]`, size);
  }
  if (v !== null && d !== null) return fit(`${v} ${d}`, size);
  return fit(v === null ? `Device ${num}` : `${v} Device ${num.slice(5)}`, size);
}

/** PCI_LOOKUP_CLASS: subclass name, else the base class name with the full number in brackets. */
export function lookupClass(mode: NumericMode, cls: number, size = 128): string {
  const num = hex(cls, 4);
  const sub = ids.subclass.get(`${cls >> 8}:${cls & 0xff}`) ?? null;
  if (sub !== null) return formatName(mode, sub, num, "Class", size);
  const base = ids.cls.get(cls >> 8) ?? null;
  return formatName(mode, base, num, "Class", size, base !== null);
}

/** PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE. */
export function lookupVendorDevice(mode: NumericMode, v: number, d: number, size = 128): string {
  return formatNamePair(mode, vendorName(v), deviceName(v, d), `${hex(v, 4)}:${hex(d, 4)}`, size);
}

/** PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE: the "Subsystem:" line. */
export function lookupSubsystem(mode: NumericMode, v: number, d: number, sv: number, sd: number, size = 256): string {
  return formatNamePair(mode, vendorName(sv), subsysName(v, d, sv, sd), `${hex(sv, 4)}:${hex(sd, 4)}`, size);
}

/** PCI_LOOKUP_VENDOR alone (-m). */
export function lookupVendor(mode: NumericMode, v: number, size = 128): string {
  return formatName(mode, vendorName(v), hex(v, 4), "Vendor", size);
}

/** PCI_LOOKUP_DEVICE alone (-m). */
export function lookupDevice(mode: NumericMode, v: number, d: number, size = 128): string {
  return formatName(mode, deviceName(v, d), hex(d, 4), "Device", size);
}

/** PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_VENDOR (-m). */
export function lookupSubVendor(mode: NumericMode, sv: number, size = 128): string {
  return formatName(mode, vendorName(sv), hex(sv, 4), "Unknown vendor", size);
}

/** PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_DEVICE (-m). */
export function lookupSubDevice(mode: NumericMode, v: number, d: number, sv: number, sd: number, size = 128): string {
  return formatName(mode, subsysName(v, d, sv, sd), hex(sd, 4), "Device", size);
}

/**
 * PCI_LOOKUP_PROGIF | PCI_LOOKUP_NO_NUMBERS: the name or null (numbers never apply). IDE controllers
 * without a listed prog-if get their bits spelled out, as names.c does.
 */
export function lookupProgIf(cls: number, pif: number): string | null {
  const name = ids.progif.get(`${cls >> 8}:${cls & 0xff}:${pif}`);
  if (name !== undefined) return name;
  if (cls === 0x0101 && (pif & 0x70) === 0) {
    const bits = [
      (pif & 0x80) !== 0 ? " Master" : "",
      (pif & 0x08) !== 0 ? " SecP" : "",
      (pif & 0x04) !== 0 ? " SecO" : "",
      (pif & 0x02) !== 0 ? " PriP" : "",
      (pif & 0x01) !== 0 ? " PriO" : "",
    ].join("");
    return bits === "" ? "" : bits.slice(1);
  }
  return null;
}
