import { QemuError } from "./qemu-error.js";

/**
 * QemuOpts' comma syntax (util/qemu-option.c): `value,key=value,...`, where ",," is a literal comma and
 * the first element may omit its key (the option's implied key, e.g. `driver` for -device). A key without
 * `=` means `key=on`.
 */
export function parseQemuOpts(text: string, impliedKey: string | undefined, location: string): [string, string][] {
  const out: [string, string][] = [];
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ",") {
      if (text[i + 1] === ",") {
        cur += ",";
        i++;
        continue;
      }
      parts.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  parts.forEach((p, idx) => {
    const eq = p.indexOf("=");
    if (idx === 0 && impliedKey !== undefined && eq < 0) {
      out.push([impliedKey, p]);
      return;
    }
    if (eq < 0) {
      if (p === "") {
        if (idx === parts.length - 1 && idx > 0) return; // a trailing comma is harmless
        throw new QemuError(location, "Invalid parameter ''");
      }
      out.push([p, "on"]);
      return;
    }
    const key = p.slice(0, eq);
    if (key === "") throw new QemuError(location, `Invalid parameter ''`);
    out.push([key, p.slice(eq + 1)]);
  });
  return out;
}

const SIZE_SUFFIXES: Record<string, number> = { b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50, e: 2 ** 60 };

/**
 * qemu_strtosz: a decimal (possibly fractional) or 0x-hex number with an optional binary suffix; returns
 * bytes, or undefined when it is not such a number. `defaultUnit` applies when there is no suffix.
 */
export function parseSize(text: string, defaultUnit: number): number | undefined {
  const m = /^\s*(0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?|\.[0-9]+)([bBkKmMgGtTpPeE]?)$/.exec(text);
  if (!m) return undefined;
  const [, num, suffix] = m;
  const isHex = /^0[xX]/.test(num);
  const value = isHex ? Number.parseInt(num, 16) : Number.parseFloat(num);
  const unit = suffix ? SIZE_SUFFIXES[suffix.toLowerCase()] : defaultUnit;
  const bytes = Math.floor(value * unit);
  if (!Number.isFinite(bytes) || bytes >= 2 ** 64) return undefined;
  return bytes;
}
