// printf(1) formatting as busybox does it: %s %b %c %d %i %o %u %x %X %e %f %g %%, flags, width, precision.

const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'" };

/** Backslash escapes of a format (or, with `b`, of a %b argument: \c stops, \0NNN octal). */
function escapes(s: string, b: boolean): { text: string; stop: boolean } {
  let t = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\" || i + 1 >= s.length) { t += c; continue; }
    const n = s[++i];
    if (ESCAPES[n] !== undefined && !(b && (n === '"' || n === "'"))) { t += ESCAPES[n]; continue; }
    if (b && n === "c") return { text: t, stop: true };
    if (/[0-7]/.test(n)) {
      let j = b && n === "0" ? i + 1 : i;
      const end = j + 3;
      let v = 0;
      for (; j < end && j < s.length && /[0-7]/.test(s[j]); j++) v = v * 8 + Number(s[j]);
      t += String.fromCharCode(v & 255);
      i = j - 1;
      continue;
    }
    if (n === "x" && /[0-9a-fA-F]/.test(s[i + 1] ?? "")) {
      let j = i + 1;
      let h = "";
      for (; j < i + 3 && /[0-9a-fA-F]/.test(s[j] ?? ""); j++) h += s[j];
      t += String.fromCharCode(parseInt(h, 16));
      i = j - 1;
      continue;
    }
    t += "\\" + n;
  }
  return { text: t, stop: false };
}

/** strtoll-like conversion of a printf argument; records "invalid number" errors. */
function toInt(a: string | undefined, errors: string[]): bigint {
  if (a === undefined || a === "") return 0n;
  if (a[0] === "'" || a[0] === '"') return a.length > 1 ? BigInt(a.codePointAt(1) ?? 0) : 0n;
  const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(a);
  if (!m) { errors.push(`invalid number '${a}'`); return 0n; }
  let v = m[2].length > 1 && m[2][0] === "0" && !/[xX]/.test(m[2]) ? BigInt("0o" + m[2].slice(1)) : BigInt(m[2]);
  if (m[1] === "-") v = -v;
  if (m[0].length !== a.length) errors.push(`invalid number '${a}'`);
  return v;
}

function toFloat(a: string | undefined, errors: string[]): number {
  if (a === undefined || a === "") return 0;
  const v = Number(a.trim());
  if (Number.isNaN(v)) { errors.push(`invalid number '${a}'`); return parseFloat(a) || 0; }
  return v;
}

function pad(s: string, flags: string, width: number, numeric: boolean): string {
  if (s.length >= width) return s;
  if (flags.includes("-")) return s + " ".repeat(width - s.length);
  if (numeric && flags.includes("0")) {
    const sign = /^[-+ ]/.test(s) ? s[0] : "";
    const pre = /^[-+ ]?0[xX]/.test(s) ? s.slice(sign.length, sign.length + 2) : "";
    const body = s.slice(sign.length + pre.length);
    return sign + pre + "0".repeat(width - s.length) + body;
  }
  return " ".repeat(width - s.length) + s;
}

/** Formats like printf(1); the format is reused while arguments remain. */
export function printfFormat(fmt: string, args: string[]): { text: string; errors: string[] } {
  const errors: string[] = [];
  let text = "";
  let ai = 0;
  const next = (): string | undefined => args[ai++];
  for (;;) {
    const startAi = ai;
    let i = 0;
    while (i < fmt.length) {
      const c = fmt[i];
      if (c === "\\") {
        let j = i + 1;
        if (/[0-7]/.test(fmt[j] ?? "")) { const e = j + 3; while (j < e && /[0-7]/.test(fmt[j] ?? "")) j++; }
        else if (fmt[j] === "x") { j++; const e = j + 2; while (j < e && /[0-9a-fA-F]/.test(fmt[j] ?? "")) j++; }
        else j++;
        text += escapes(fmt.slice(i, j), false).text;
        i = j;
        continue;
      }
      if (c !== "%") { text += c; i++; continue; }
      const m = /^%([-+ #0]*)(\*|[0-9]*)(?:\.(\*|[0-9]*))?([a-zA-Z%])?/.exec(fmt.slice(i));
      if (!m || m[4] === undefined) { text += fmt.slice(i); i = fmt.length; break; }
      i += m[0].length;
      const flags = m[1];
      const width = m[2] === "*" ? Number(toInt(next(), errors)) : m[2] === "" ? 0 : Number(m[2]);
      const precStr = m[3] === "*" ? String(toInt(next(), errors)) : m[3];
      const prec = precStr === undefined ? undefined : precStr === "" ? 0 : Number(precStr);
      const conv = m[4];
      const w = Math.abs(width);
      const fl = width < 0 ? flags + "-" : flags;
      switch (conv) {
        case "%": text += "%"; break;
        case "s": { let s = next() ?? ""; if (prec !== undefined) s = s.slice(0, prec); text += pad(s, fl, w, false); break; }
        case "b": {
          const r = escapes(next() ?? "", true);
          text += pad(prec !== undefined ? r.text.slice(0, prec) : r.text, fl, w, false);
          if (r.stop) return { text, errors };
          break;
        }
        case "c": text += pad((next() ?? "").slice(0, 1), fl, w, false); break;
        case "d": case "i": case "o": case "u": case "x": case "X": {
          let v = toInt(next(), errors);
          let s: string;
          if (conv === "d" || conv === "i") {
            s = (v < 0n ? -v : v).toString();
            if (prec !== undefined) s = s.padStart(prec, "0");
            s = (v < 0n ? "-" : fl.includes("+") ? "+" : fl.includes(" ") ? " " : "") + s;
          } else {
            if (v < 0n) v = BigInt.asUintN(64, v);
            s = v.toString(conv === "o" ? 8 : conv === "u" ? 10 : 16);
            if (conv === "X") s = s.toUpperCase();
            if (prec !== undefined) s = s.padStart(prec, "0");
            if (fl.includes("#") && v !== 0n) s = conv === "o" ? "0" + s : conv === "x" ? "0x" + s : conv === "X" ? "0X" + s : s;
          }
          text += pad(s, prec !== undefined ? fl.replace(/0/g, "") : fl, w, true);
          break;
        }
        case "f": case "F": case "e": case "E": case "g": case "G": {
          const v = toFloat(next(), errors);
          const p = prec ?? 6;
          let s = conv === "f" || conv === "F" ? v.toFixed(p) : conv === "e" || conv === "E" ? v.toExponential(p).replace(/e([+-])(\d)$/, "e$10$2") : String(Number(v.toPrecision(p || 1)));
          if (conv === "E" || conv === "G") s = s.toUpperCase();
          if (v >= 0 && fl.includes("+")) s = "+" + s;
          text += pad(s, fl, w, true);
          break;
        }
        default:
          errors.push(`%${conv}: invalid format`);
          return { text, errors };
      }
    }
    if (ai >= args.length || ai === startAi) break;
  }
  return { text, errors };
}
