/*
 * ls-tree.c: grow_tree() links devices to buses behind bridges, show_forest() draws them into one line
 * buffer that print_it() prints and then blanks, keeping only the '|' and '+' columns (as '|').
 */
import { lookupVendorDevice } from "./names.js";
import { filterMatch, type PciFilter } from "./filter.js";
import { confByte, confLong, confWord, hex, type LspciOptions, type Out, type PciDev } from "./types.js";
import { sizeText } from "./bases.js";

interface Bus {
  domain: number;
  number: number;
  sibling: Bus | null;
  devs: PciDev[];
}

interface Bridge {
  domain: number;
  primary: number;
  secondary: number;
  subordinate: number;
  brDev: PciDev | null;
  children: Bridge[];
  firstBus: Bus | null;
}

const U32_MAX = 0xffffffff;

function findBus(b: Bridge, domain: number, n: number): Bus | null {
  for (let bus = b.firstBus; bus !== null; bus = bus.sibling) if (bus.domain === domain && bus.number === n) return bus;
  return null;
}

/** new_bus() puts the bus first in the bridge's list. */
function newBus(b: Bridge, domain: number, n: number): Bus {
  const bus: Bus = { domain, number: n, sibling: b.firstBus, devs: [] };
  b.firstBus = bus;
  return bus;
}

function insertDev(d: PciDev, b: Bridge): void {
  let bus = findBus(b, d.domain, d.bus);
  if (bus === null) {
    for (const c of b.children) {
      if (c.domain === d.domain && c.secondary <= d.bus && d.bus <= c.subordinate) {
        insertDev(d, c);
        return;
      }
    }
    bus = newBus(b, d.domain, d.bus);
  }
  bus.devs.push(d);
}

/** grow_tree(): the host bridge spans every bus; PCI and CardBus bridges become nodes. */
function growTree(devs: readonly PciDev[]): Bridge[] {
  const host: Bridge = { domain: 0, primary: U32_MAX, secondary: 0, subordinate: U32_MAX, brDev: null, children: [], firstBus: null };
  const chain: Bridge[] = [host];
  for (const d of devs) {
    const ht = confByte(d, 0x0e) & 0x7f;
    if (d.deviceClass >> 8 === 0x06 && (ht === 1 || ht === 2)) {
      // PCI_PRIMARY_BUS and PCI_CB_PRIMARY_BUS are both at 0x18, followed by secondary and subordinate.
      const base = 0x18;
      chain.push({
        domain: d.domain,
        primary: confByte(d, base),
        secondary: confByte(d, base + 1),
        subordinate: confByte(d, base + 2),
        brDev: d,
        children: [],
        firstBus: null,
      });
    }
  }
  // The parent is the bridge with the narrowest range holding the primary bus; "narrowest" is computed
  // in unsigned arithmetic, which makes the host bridge's span 0, exactly as ls-tree.c does.
  const span = (x: Bridge): number => (x.subordinate - x.primary) >>> 0;
  for (const b of chain) {
    let best: Bridge | null = null;
    for (const c of chain) {
      if (c !== b && (c === host || b.domain === c.domain) && b.primary >= c.secondary && b.primary <= c.subordinate && (best === null || span(best) > span(c))) {
        best = c;
      }
    }
    if (best !== null) best.children.unshift(b);
  }
  for (const b of chain) if (findBus(b, b.domain, b.secondary) === null) newBus(b, b.domain, b.secondary);
  for (const d of devs) insertDev(d, host);
  return chain;
}

class Line {
  private chars: string[] = [];
  constructor(private readonly out: Out) {}
  /** sprintf(p, ...): returns the new p. */
  put(p: number, s: string): number {
    for (let i = 0; i < s.length; i++) this.chars[p + i] = s[i]!;
    return p + s.length;
  }
  /** print_it(): print up to p, then keep only the vertical lines. */
  printIt(p: number): void {
    this.chars[p] = "\n";
    let s = "";
    for (let i = 0; i <= p; i++) s += this.chars[i] ?? " ";
    this.out.print(s);
    for (let i = 0; i <= p; i++) this.chars[i] = this.chars[i] === "+" || this.chars[i] === "|" ? "|" : " ";
  }
}

/** The tree's own region list (-tvv), which judges "[virtual]" from the BAR alone. */
function treeBases(line: Line, d: PciDev, verbose: number, outPos: number): void {
  const cmd = confWord(d, 0x04);
  let virtual = false;
  for (let i = 0; i < 6; i++) {
    const pos = d.baseAddr[i] ?? 0n;
    const len = d.size[i] ?? 0n;
    let flg = BigInt(confLong(d, 0x10 + 4 * i));
    if (flg === 0xffffffffn) flg = 0n;
    if (pos === 0n && flg === 0n && len === 0n) continue;
    let s = verbose > 2 ? `  Region ${i}: ` : "  ";
    if (((d.flags[i] ?? 0n) & (1n << 5n)) !== 0n) s += "[enhanced] ";
    else if (pos !== 0n && (flg & ((flg & 1n) !== 0n ? ~3n : ~0xfn)) === 0n) {
      s += "[virtual] ";
      flg = pos;
      virtual = true;
    }
    if ((flg & 1n) !== 0n) {
      const a = pos & ~3n;
      s += "I/O ports at ";
      s += a !== 0n || (cmd & 1) !== 0 ? hex(a, 4) : (flg & ~3n) !== 0n ? "<ignored>" : "<unassigned>";
      if (!virtual && (cmd & 1) === 0) s += " [disabled]";
    } else {
      const t = Number(flg & 6n);
      const a = pos & ~0xfn;
      let z = 0;
      let done = false;
      s += "Memory at ";
      if (t === 4) {
        if (i >= 5) {
          s += "<invalid-64bit-slot>";
          done = true;
        } else {
          i++;
          z = confLong(d, 0x10 + 4 * i);
        }
      }
      if (!done) s += a !== 0n ? hex(a, 8) : (flg & ~0xfn) !== 0n || z !== 0 ? "<ignored>" : "<unassigned>";
      const type = t === 0 ? "32-bit" : t === 4 ? "64-bit" : t === 2 ? "low-1M" : "type 3";
      s += ` (${type}, ${(flg & 8n) !== 0n ? "" : "non-"}prefetchable)`;
      if (!virtual && (cmd & 2) === 0) s += " [disabled]";
    }
    line.printIt(line.put(outPos, s + sizeText(len)));
  }
}

function showTreeDev(line: Line, chain: Bridge[], d: PciDev, p: number, o: LspciOptions): void {
  p = line.put(p, `${hex(d.dev, 2)}.${d.func.toString(16)}`);
  const b = chain.find((x) => x.brDev === d);
  if (b !== undefined) {
    p = line.put(p, b.secondary === b.subordinate ? `-[${hex(b.secondary, 2)}]-` : `-[${hex(b.secondary, 2)}-${hex(b.subordinate, 2)}]-`);
    showTreeBridge(line, chain, b, p, o);
    return;
  }
  const basesP = p + 2;
  if (o.verbose > 0) p = line.put(p, `  ${lookupVendorDevice(o.numericIds, d.vendorId, d.deviceId, 256)}`);
  line.printIt(p);
  if (o.verbose > 1) treeBases(line, d, o.verbose, basesP);
}

function showTreeBus(line: Line, chain: Bridge[], bus: Bus, p: number, o: LspciOptions): void {
  if (bus.devs.length === 0) line.printIt(p);
  else if (bus.devs.length === 1) showTreeDev(line, chain, bus.devs[0]!, line.put(p, "--"), o);
  else {
    bus.devs.forEach((d, i) => showTreeDev(line, chain, d, line.put(p, i < bus.devs.length - 1 ? "+-" : "\\-"), o));
  }
}

function showTreeBridge(line: Line, chain: Bridge[], b: Bridge, p: number, o: LspciOptions): void {
  p = line.put(p, "-");
  const first = b.firstBus!;
  if (first.sibling === null) {
    if (b.brDev === null) p = line.put(p, `[${hex(b.domain, 4)}:${hex(first.number, 2)}]-`);
    showTreeBus(line, chain, first, p, o);
    return;
  }
  for (let u: Bus | null = first; u !== null; u = u.sibling) {
    const lead = u.sibling !== null ? "+-" : "\\-";
    showTreeBus(line, chain, u, line.put(p, `${lead}[${hex(u.domain, 4)}:${hex(u.number, 2)}]-`), o);
  }
}

/** show_forest(): the whole tree, or with -s/-d only the subtrees of bridges that match. */
export function showForest(out: Out, devs: readonly PciDev[], filter: PciFilter | null, o: LspciOptions): void {
  const chain = growTree(devs);
  const line = new Line(out);
  if (filter === null) {
    showTreeBridge(line, chain, chain[0]!, 0, o);
    return;
  }
  for (const b of chain) {
    if (b.brDev !== null && filterMatch(filter, b.brDev)) {
      const d = b.brDev;
      showTreeDev(line, chain, d, line.put(0, `${hex(d.domain & 0xffff, 4)}:${hex(d.bus, 2)}:`), o);
    }
  }
}
