import type { Executable, Process } from "../../process.js";
import { cantOpen, readText } from "./util.js";

const dec = new TextDecoder();

/** The input of a text filter: the files named, or stdin. */
function inputs(p: Process, prog: string, files: string[]): { name: string; text: string }[] | number {
  if (files.length === 0) {
    let text = "";
    for (;;) {
      const b = p.read(0, 65536);
      if (typeof b === "number" || b.length === 0) break;
      text += dec.decode(b);
    }
    return [{ name: "(standard input)", text }];
  }
  const out: { name: string; text: string }[] = [];
  for (const f of files) {
    const t = readText(p, f);
    if (typeof t === "number") {
      cantOpen(p, prog, f, t);
      return 2;
    }
    out.push({ name: f, text: t });
  }
  return out;
}

const lines = (t: string) => (t === "" ? [] : t.replace(/\n$/, "").split("\n"));

/** A POSIX basic regular expression as a JS one: \| \( \) \{ \} \+ \? are the operators, the bare ones literal. */
export function breToRegExp(bre: string, flags: string, extended: boolean): RegExp {
  if (extended) return new RegExp(bre, flags);
  let out = "";
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i];
    if (c === "\\" && i + 1 < bre.length) {
      const n = bre[++i];
      out += "|(){}+?".includes(n) ? n : `\\${n}`;
    } else out += "|(){}+?".includes(c) ? `\\${c}` : c;
  }
  return new RegExp(out, flags);
}

/** busybox grep [-i -v -c -q -H -h -E -F -n] PATTERN [FILE...]; status 0 on a match, 1 on none, 2 on error. */
export const grep: Executable = {
  name: "grep",
  main(p: Process, argv: string[]): number {
    const opts = new Set<string>();
    const rest: string[] = [];
    let pattern: string | undefined;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === "-e") pattern = argv[++i];
      else if (/^-[ivcqHhEFnsw]+$/.test(a)) for (const c of a.slice(1)) opts.add(c);
      else rest.push(a);
    }
    if (pattern === undefined) pattern = rest.shift();
    if (pattern === undefined) {
      p.eprintf("BusyBox v1.35.0 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n");
      return 2;
    }
    const src = inputs(p, "grep", rest);
    if (typeof src === "number") return src;
    let re: RegExp;
    try {
      const body = opts.has("F") ? pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : pattern;
      re = breToRegExp(opts.has("w") ? `\\b${body}\\b` : body, opts.has("i") ? "i" : "", opts.has("E") || opts.has("F"));
    } catch {
      p.eprintf(`grep: bad regex '${pattern}'\n`);
      return 2;
    }
    const showName = (src.length > 1 || opts.has("H")) && !opts.has("h");
    let matched = 0;
    for (const { name, text } of src) {
      let count = 0;
      lines(text).forEach((l, idx) => {
        if (re.test(l) === opts.has("v")) return;
        count++;
        if (!opts.has("q") && !opts.has("c")) p.printf(`${showName ? `${name}:` : ""}${opts.has("n") ? `${idx + 1}:` : ""}${l}\n`);
      });
      if (opts.has("c") && !opts.has("q")) p.printf(`${showName ? `${name}:` : ""}${count}\n`);
      matched += count;
    }
    return matched > 0 ? 0 : 1;
  },
};

function headTail(name: "head" | "tail"): Executable {
  return {
    name,
    main(p: Process, argv: string[]): number {
      let n = 10;
      const files: string[] = [];
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i];
        if (a === "-n") n = Number(argv[++i]);
        else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
        else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
        else files.push(a);
      }
      if (!Number.isInteger(n) || n < 0) {
        p.eprintf(`${name}: invalid number\n`);
        return 1;
      }
      const src = inputs(p, name, files);
      if (typeof src === "number") return 1;
      for (const { text } of src) {
        const ls = lines(text);
        const pick = name === "head" ? ls.slice(0, n) : ls.slice(Math.max(0, ls.length - n));
        if (pick.length) p.printf(pick.join("\n") + "\n");
      }
      return 0;
    },
  };
}
export const head = headTail("head");
export const tail = headTail("tail");

/** wc [-l|-w|-c] [FILE...] */
export const wc: Executable = {
  name: "wc",
  main(p: Process, argv: string[]): number {
    const flags = argv.slice(1).filter((a) => a.startsWith("-")).join("");
    const files = argv.slice(1).filter((a) => !a.startsWith("-"));
    const src = inputs(p, "wc", files);
    if (typeof src === "number") return 1;
    for (const { name, text } of src) {
      const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: new TextEncoder().encode(text).length };
      const want = flags ? (["l", "w", "c"] as const).filter((f) => flags.includes(f)) : (["l", "w", "c"] as const);
      const cols = want.map((f) => String(counts[f]).padStart(want.length > 1 ? 7 : 0));
      p.printf(`${cols.join(" ")}${files.length ? ` ${name}` : ""}\n`);
    }
    return 0;
  },
};

/** readlink FILE: a symbolic link's target; nothing and status 1 for anything else. */
export const readlink: Executable = {
  name: "readlink",
  main(p: Process, argv: string[]): number {
    const path = argv.filter((a, i) => i > 0 && !a.startsWith("-"))[0];
    if (!path) return 1;
    const target = p.readlink(path);
    if (typeof target === "number") return 1;
    p.printf(`${target}\n`);
    return 0;
  },
};
