// The whole session in the URL: machine options, driver, profile, every request the guest took (with its
// virtual time and preemption point), and the ladder's and PRNG page's settings. Time is virtual, so a
// link replays the same session byte for byte. Encoded as base64url JSON in the fragment: it never
// reaches a server, and static hosting needs no routes.
import type { SessionEvent, SessionEventKind } from "@rng/lab";

export type Page = "lab" | "ladder" | "prng";
export type Driver = "builtin" | "module" | "pci";

export interface BenchSettings {
  designs: string[];
  sizes: number[];
  profile: "tcg" | "kvm";
  /** Machine options for the runs; empty: each design's default (-device my_rng, version=2 for v2 designs). */
  machine: string;
}

export interface PrngPageSettings {
  gen: string;
  seed: string;
  bytes: number;
  register: boolean;
}

export interface PlaygroundState {
  page: Page;
  /** The QEMU options, as typed after `qemu-system-x86_64`. */
  machine: string;
  driver: Driver;
  profile: "tcg" | "kvm";
  log: SessionEvent[];
  bench: BenchSettings;
  prng: PrngPageSettings;
}

export const DEFAULT_STATE: PlaygroundState = {
  page: "lab",
  machine: "-M pc -m 128 -device my_rng",
  driver: "builtin",
  profile: "tcg",
  log: [],
  bench: { designs: ["v1", "rng64-q", "read", "dma", "copy-only"], sizes: [4, 64, 1024, 4096, 65536], profile: "tcg", machine: "" },
  prng: { gen: "glibc-rand", seed: "1", bytes: 65536, register: true },
};

// Appended only: a kind's index is its code in links already made.
const KINDS: SessionEventKind[] = ["line", "monitor", "complete", "register", "interrupt", "job", "mode", "cancel"];

/** Compact form: events as [kind index, text, t, hook]. */
interface Wire {
  v: 1;
  p: Page;
  m: string;
  d: Driver;
  f: "tcg" | "kvm";
  l: [number, string, number, number][];
  b: BenchSettings;
  r: PrngPageSettings;
}

function b64urlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function b64urlDecode(text: string): string {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

export function encodeState(s: PlaygroundState): string {
  const w: Wire = {
    v: 1, p: s.page, m: s.machine, d: s.driver, f: s.profile,
    l: s.log.map((e) => [KINDS.indexOf(e.kind), e.text, e.t, e.hook]),
    b: s.bench, r: s.prng,
  };
  return `#s=${b64urlEncode(JSON.stringify(w))}`;
}

export interface Decoded {
  state: PlaygroundState;
  /** Why the link could not be read (the defaults are used then), if it could not. */
  error?: string;
}

const isInt = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x);
const oneOf = <T extends string>(x: unknown, all: readonly T[]): x is T => typeof x === "string" && (all as readonly string[]).includes(x);

/** Reads a fragment ("#s=…"); anything malformed gives the defaults and says why, never throws. */
export function decodeState(hash: string): Decoded {
  const fresh = (): PlaygroundState => structuredClone(DEFAULT_STATE);
  const m = /^#?s=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!hash || hash === "#") return { state: fresh() };
  if (!m) return { state: fresh(), error: "the link's session is not in rnglab's format (#s=…)" };
  let w: Partial<Wire>;
  try {
    w = JSON.parse(b64urlDecode(m[1])) as Partial<Wire>;
  } catch {
    return { state: fresh(), error: "the link's session is damaged (not base64url JSON)" };
  }
  if (typeof w !== "object" || w === null || w.v !== 1) return { state: fresh(), error: "the link's session has an unknown version" };
  const s = fresh();
  if (oneOf(w.p, ["lab", "ladder", "prng"] as const)) s.page = w.p;
  if (typeof w.m === "string") s.machine = w.m;
  if (oneOf(w.d, ["builtin", "module", "pci"] as const)) s.driver = w.d;
  if (oneOf(w.f, ["tcg", "kvm"] as const)) s.profile = w.f;
  if (Array.isArray(w.l)) {
    for (const e of w.l) {
      if (!Array.isArray(e) || e.length !== 4 || !isInt(e[0]) || !KINDS[e[0]] || typeof e[1] !== "string" || typeof e[2] !== "number" || !isInt(e[3])) {
        return { state: fresh(), error: "the link's session log is damaged" };
      }
      s.log.push({ kind: KINDS[e[0]], text: e[1], t: e[2], hook: e[3] });
    }
  }
  const b = w.b;
  if (b && typeof b === "object") {
    if (Array.isArray(b.designs) && b.designs.every((d) => typeof d === "string")) s.bench.designs = b.designs;
    if (Array.isArray(b.sizes) && b.sizes.every((n) => isInt(n) && n >= 4)) s.bench.sizes = b.sizes;
    if (oneOf(b.profile, ["tcg", "kvm"] as const)) s.bench.profile = b.profile;
    if (typeof b.machine === "string") s.bench.machine = b.machine;
  }
  const r = w.r;
  if (r && typeof r === "object") {
    if (typeof r.gen === "string") s.prng.gen = r.gen;
    if (typeof r.seed === "string") s.prng.seed = r.seed;
    if (isInt(r.bytes) && r.bytes > 0) s.prng.bytes = r.bytes;
    if (typeof r.register === "boolean") s.prng.register = r.register;
  }
  return { state: s };
}

/**
 * QEMU options text into argv, as a POSIX shell would split it for qemu-system-x86_64: whitespace
 * separates words, single and double quotes group, a backslash outside quotes takes the next character
 * as it is. Returns an error for an unbalanced quote.
 */
export function splitOptions(text: string): string[] | { error: string } {
  const out: string[] = [];
  let cur = "";
  let inWord = false;
  let quote: string | undefined;
  let escaped = false;
  for (const ch of text) {
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === "\\") {
      escaped = true;
      inWord = true;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) return { error: `unbalanced ${quote} in the machine options` };
  if (inWord) out.push(cur);
  return out;
}
