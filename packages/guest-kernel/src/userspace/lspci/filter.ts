/*
 * Device filters of lib/filter.c (pciutils 3.8+): -s [[[[<domain>]:]<bus>]:][<slot>][.[<func>]] and
 * -d [<vendor>]:[<device>][:<class>[:<progif>]]. An empty field or "*" keeps the default (match any).
 * Numbers are hex, checked against their maximum digit by digit in 32-bit unsigned arithmetic, as C does.
 */
import type { PciDev } from "./types.js";

export interface PciFilter {
  domain: number;
  bus: number;
  slot: number;
  func: number;
  vendor: number;
  device: number;
  deviceClass: number;
  /** Unsigned 32-bit mask; "x" digits of a class clear their nibble. */
  deviceClassMask: number;
  progIf: number;
}

export function newFilter(): PciFilter {
  return { domain: -1, bus: -1, slot: -1, func: -1, vendor: -1, device: -1, deviceClass: -1, deviceClassMask: 0xffffffff, progIf: -1 };
}

/** The expression buffer of filter.c is 64 bytes. */
const BUF_SIZE = 64;

/** split_to_fields(): null entries are fields that were not there at all (fewer separators). */
function splitToFields(str: string, sep: string, num: number, checkLength: boolean): (string | null)[] | string {
  if (checkLength && new TextEncoder().encode(str).length >= BUF_SIZE) return "Expression too long";
  const parts = str.split(sep);
  if (parts.length > num) return "Too many fields";
  const fields: (string | null)[] = parts;
  while (fields.length < num) fields.push(null);
  return fields;
}

const fieldDefined = (f: string | null): f is string => f !== null && f !== "" && f !== "*";

/** parse_hex_field(): undefined field keeps the default; "x" wildcards only where a mask is wanted. */
function parseHexField(str: string | null, max: number, withMask: boolean): { ok: boolean; value?: number; mask?: number } {
  if (!fieldDefined(str)) return { ok: true };
  let out = 0;
  let mask = 0xffffffff;
  let bound = 0;
  for (const c of str) {
    if ((c === "x" || c === "X") && withMask) {
      out = (out << 4) >>> 0;
      bound = ((bound << 4) | 1) >>> 0;
      mask = (mask << 4) >>> 0;
    } else {
      if (!/^[0-9a-fA-F]$/.test(c)) return { ok: false };
      const d = parseInt(c, 16);
      out = ((out << 4) | d) >>> 0;
      bound = ((bound << 4) | d) >>> 0;
      mask = ((mask << 4) | 0xf) >>> 0;
    }
    if (bound > max) return { ok: false };
  }
  return { ok: true, value: out, mask };
}

/** pci_filter_parse_slot(): returns the error text (lspci prints "-s: <text>") or null. */
export function parseSlotFilter(f: PciFilter, str: string): string | null {
  const fields = splitToFields(str, ":", 3, true);
  if (typeof fields === "string") return fields;
  let i = 0;
  if (fields[2] !== null) {
    const r = parseHexField(fields[0], 0x7fffffff, false);
    if (!r.ok) return "Invalid domain number";
    if (r.value !== undefined) f.domain = r.value;
    i++;
  }
  if (fields[i + 1] !== null) {
    const r = parseHexField(fields[i], 0xff, false);
    if (!r.ok) return "Invalid bus number";
    if (r.value !== undefined) f.bus = r.value;
    i++;
  }
  const fdev = fields[i];
  if (fieldDefined(fdev)) {
    const sfields = splitToFields(fdev, ".", 2, false);
    if (typeof sfields === "string") return "Invalid slot/function number";
    const s = parseHexField(sfields[0], 0x1f, false);
    if (!s.ok) return "Invalid slot number";
    if (s.value !== undefined) f.slot = s.value;
    const fn = parseHexField(sfields[1], 7, false);
    if (!fn.ok) return "Invalid function number";
    if (fn.value !== undefined) f.func = fn.value;
  }
  return null;
}

/** pci_filter_parse_id(): returns the error text (lspci prints "-d: <text>") or null. */
export function parseIdFilter(f: PciFilter, str: string): string | null {
  const fields = splitToFields(str, ":", 4, true);
  if (typeof fields === "string") return fields;
  if (fields[1] === null) return "At least two fields must be given";
  const v = parseHexField(fields[0], 0xffff, false);
  if (!v.ok) return "Invalid vendor ID";
  if (v.value !== undefined) f.vendor = v.value;
  const d = parseHexField(fields[1], 0xffff, false);
  if (!d.ok) return "Invalid device ID";
  if (d.value !== undefined) f.device = d.value;
  const c = parseHexField(fields[2], 0xffff, true);
  if (!c.ok) return "Invalid class code";
  if (c.value !== undefined && c.mask !== undefined) {
    f.deviceClass = c.value;
    f.deviceClassMask = c.mask;
  }
  const p = parseHexField(fields[3], 0xff, false);
  if (!p.ok) return "Invalid programming interface code";
  if (p.value !== undefined) f.progIf = p.value;
  return null;
}

/** pci_filter_match(). */
export function filterMatch(f: PciFilter, d: PciDev): boolean {
  if ((f.domain >= 0 && f.domain !== d.domain) || (f.bus >= 0 && f.bus !== d.bus) || (f.slot >= 0 && f.slot !== d.dev) || (f.func >= 0 && f.func !== d.func)) {
    return false;
  }
  if ((f.device >= 0 && f.device !== d.deviceId) || (f.vendor >= 0 && f.vendor !== d.vendorId)) return false;
  if (f.deviceClass >= 0 && ((f.deviceClass ^ d.deviceClass) & f.deviceClassMask) >>> 0 !== 0) return false;
  if (f.progIf >= 0 && f.progIf !== d.progIf) return false;
  return true;
}
