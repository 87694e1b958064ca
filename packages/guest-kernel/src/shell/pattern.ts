// Shell pattern matching (fnmatch-style, as used by case, ${x#pat} and pathname globbing).

/** Backslash-escapes pattern-special characters so the text matches literally. */
export function escapePattern(s: string): string {
  return s.replace(/[\\*?[\]]/g, (c) => "\\" + c);
}

/** True if the pattern has an unescaped *, ? or [. */
export function hasGlobChars(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") i++;
    else if (c === "*" || c === "?" || c === "[") return true;
  }
  return false;
}

/** Removes pattern escapes. */
export function unescapePattern(p: string): string {
  return p.replace(/\\([\s\S])/g, "$1");
}

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z", digit: "0-9", alnum: "a-zA-Z0-9", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\f\\v",
  xdigit: "0-9A-Fa-f", punct: "!-\\/:-@\\[-`{-~", blank: " \\t", print: " -~", graph: "!-~", cntrl: "\\x00-\\x1f\\x7f",
};

const reEsc = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, (x) => "\\" + x);

/** Regular-expression source for a shell pattern. With `path`, wildcards do not match "/". */
export function patternSource(p: string, path = false): string {
  const any = path ? "[^/]" : "[\\s\\S]";
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\" && i + 1 < p.length) out += reEsc(p[++i]);
    else if (c === "*") out += any + "*";
    else if (c === "?") out += any;
    else if (c === "[") {
      const r = bracket(p, i);
      if (r) { out += r.src; i = r.end; }
      else out += "\\[";
    } else out += reEsc(c);
  }
  return out;
}

function bracket(p: string, start: number): { src: string; end: number } | null {
  let i = start + 1;
  let neg = false;
  if (p[i] === "!" || p[i] === "^") { neg = true; i++; }
  let body = "";
  let first = true;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === "]" && !first) {
      if (body === "") return null;
      return { src: `[${neg ? "^" : ""}${body}]`, end: i };
    }
    first = false;
    if (c === "[" && p[i + 1] === ":") {
      const close = p.indexOf(":]", i + 2);
      const cname = close > 0 ? p.slice(i + 2, close) : "";
      const cls = Object.hasOwn(CLASSES, cname) ? CLASSES[cname] : undefined;
      if (cls !== undefined) { body += cls; i = close + 1; continue; }
    }
    if (c === "\\" && i + 1 < p.length) { body += reEsc(p[++i]); continue; }
    if (c === "-" && body !== "" && p[i + 1] !== "]" && i + 1 < p.length) { body += "-"; continue; }
    body += reEsc(c);
  }
  return null;
}

const cache = new Map<string, RegExp>();

/** Whole-string match of `s` against shell pattern `p`. */
export function patternMatch(p: string, s: string, path = false): boolean {
  const key = (path ? "1" : "0") + p;
  let re = cache.get(key);
  if (!re) {
    try {
      re = new RegExp(`^(?:${patternSource(p, path)})$`);
    } catch {
      re = new RegExp(`^${reEsc(unescapePattern(p))}$`);
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re.test(s);
}

/** ${v#p} ${v##p} ${v%p} ${v%%p}: removes the shortest/longest matching prefix/suffix. */
export function trimPattern(v: string, p: string, op: "#" | "##" | "%" | "%%"): string {
  const n = v.length;
  if (op === "#") { for (let i = 0; i <= n; i++) if (patternMatch(p, v.slice(0, i))) return v.slice(i); }
  else if (op === "##") { for (let i = n; i >= 0; i--) if (patternMatch(p, v.slice(0, i))) return v.slice(i); }
  else if (op === "%") { for (let i = n; i >= 0; i--) if (patternMatch(p, v.slice(i))) return v.slice(0, i); }
  else { for (let i = 0; i <= n; i++) if (patternMatch(p, v.slice(i))) return v.slice(0, i); }
  return v;
}
