import type { GuestRam } from "./guest-ram.js";
import type { MemoryRegion, MemoryRegionOps } from "./region.js";

/**
 * An address space rendered flat, as QEMU's FlatView: the region tree is resolved into disjoint ranges,
 * each served by one leaf (device ops or RAM), and re-rendered whenever the tree changes (a BAR moves, a
 * command bit flips). Lookups use the last range hit, then a binary search: no allocation per access.
 */

const KIND_UNASSIGNED = 0;
const KIND_IO = 1;
const KIND_RAM = 2;

/** One flat range; fields are plain numbers so the dispatch path stays monomorphic. */
class FlatRange {
  constructor(
    readonly start: number,
    readonly end: number, // exclusive
    readonly kind: number,
    readonly region: MemoryRegion | undefined,
    /** Offset within the leaf region (or within RAM for RAM ranges) of `start`. */
    readonly offset: number,
    readonly ops: MemoryRegionOps | undefined,
    /** valid sizes: vmax 0 means all sizes are valid (QEMU's compatibility rule) */
    readonly vmin: number,
    readonly vmax: number,
    readonly unaligned: boolean,
    readonly imin: number,
    readonly imax: number,
  ) {}
}

/** What happened to an access that the device did not take (for -d guest_errors style logs and tests). */
export interface AccessLog {
  invalidAccess(space: string, region: string, offset: number, size: number, isWrite: boolean): void;
}

export interface AddressSpaceOptions {
  /** What a read where nothing is mapped returns: 0 for memory, all ones for I/O ports on x86. */
  unassignedAllOnes: boolean;
  ram?: GuestRam;
  log?: AccessLog;
}

const MASKS = [0, 0xff, 0xffff, 0, 0xffffffff];

export class AddressSpace {
  private ranges: FlatRange[] = [];
  private last: FlatRange;
  private dirty = true;
  private readonly unassignedValue: number;
  private readonly hole: FlatRange;
  private readonly ram: GuestRam | undefined;
  private readonly log: AccessLog | undefined;

  constructor(
    readonly name: string,
    readonly root: MemoryRegion,
    opts: AddressSpaceOptions,
  ) {
    this.unassignedValue = opts.unassignedAllOnes ? 0xffffffff : 0;
    this.ram = opts.ram;
    this.log = opts.log;
    this.hole = new FlatRange(0, 0, KIND_UNASSIGNED, undefined, 0, undefined, 0, 0, false, 1, 8);
    this.last = this.hole;
    root.onLayoutChange = () => {
      this.dirty = true;
      this.last = this.hole;
    };
  }

  /** The rendered ranges, for `info mtree -f` style views and tests. */
  flatView(): { start: number; end: number; name: string }[] {
    this.render();
    return this.ranges.map((r) => ({ start: r.start, end: r.end, name: r.region?.name ?? "" }));
  }

  /** Which leaf region serves `addr`, if any. */
  regionAt(addr: number): MemoryRegion | undefined {
    const r = this.find(addr);
    return r.kind === KIND_UNASSIGNED ? undefined : r.region;
  }

  private render(): void {
    if (!this.dirty) return;
    const out: FlatRange[] = [];
    renderRegion(out, this.root, 0, 0, Number.MAX_SAFE_INTEGER);
    out.sort((a, b) => a.start - b.start);
    this.ranges = out;
    this.dirty = false;
    this.last = this.hole;
  }

  private find(addr: number): FlatRange {
    if (this.dirty) this.render();
    const rs = this.ranges;
    let lo = 0;
    let hi = rs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = rs[mid];
      if (addr < r.start) hi = mid - 1;
      else if (addr >= r.end) lo = mid + 1;
      else return r;
    }
    return this.hole;
  }

  /** Reads 1, 2 or 4 bytes, little-endian, as the CPU would. */
  read(addr: number, size: 1 | 2 | 4): number {
    let r = this.last;
    if (addr < r.start || addr + size > r.end) {
      r = this.find(addr);
      if (r.kind === KIND_UNASSIGNED || addr + size > r.end) return this.readSlow(addr, size);
      this.last = r;
    }
    const off = addr - r.start + r.offset;
    if (r.kind === KIND_IO) {
      // Fast path: a valid, naturally aligned access the callbacks implement as is.
      if (size >= r.imin && size <= r.imax && (r.vmax === 0 || (size >= r.vmin && size <= r.vmax)) && (r.unaligned || (off & (size - 1)) === 0)) {
        return ((r.ops as MemoryRegionOps).read(off, size) & MASKS[size]) >>> 0;
      }
      return this.dispatchRead(r, off, size);
    }
    return (this.ram as GuestRam).read(off, size);
  }

  write(addr: number, value: number, size: 1 | 2 | 4): void {
    let r = this.last;
    if (addr < r.start || addr + size > r.end) {
      r = this.find(addr);
      if (r.kind === KIND_UNASSIGNED || addr + size > r.end) return this.writeSlow(addr, value, size);
      this.last = r;
    }
    const off = addr - r.start + r.offset;
    const v = (value & MASKS[size]) >>> 0;
    if (r.kind === KIND_IO) {
      if (size >= r.imin && size <= r.imax && (r.vmax === 0 || (size >= r.vmin && size <= r.vmax)) && (r.unaligned || (off & (size - 1)) === 0)) {
        (r.ops as MemoryRegionOps).write(off, v, size);
        return;
      }
      this.dispatchWrite(r, off, v, size);
      return;
    }
    (this.ram as GuestRam).write(off, v, size);
  }

  /** One 8-byte access (e.g. x86 `mov rax, [addr]`, Linux readq). */
  read64(addr: number): bigint {
    const r = this.find(addr);
    if (r.kind === KIND_UNASSIGNED || addr + 8 > r.end) {
      const lo = this.read(addr, 4);
      const hi = this.read(addr + 4, 4);
      return (BigInt(hi) << 32n) | BigInt(lo);
    }
    const off = addr - r.start + r.offset;
    if (r.kind === KIND_RAM) {
      const ram = this.ram as GuestRam;
      return (BigInt(ram.read(off + 4, 4)) << 32n) | BigInt(ram.read(off, 4));
    }
    if (!accessValid(r, off, 8)) {
      this.log?.invalidAccess(this.name, r.region?.name ?? "", off, 8, false);
      return BigInt.asUintN(64, BigInt(this.unassignedValue) * 0x100000001n);
    }
    const ops = r.ops as MemoryRegionOps;
    const access = Math.max(Math.min(8, r.imax), r.imin);
    if (access === 8 && ops.read64) return BigInt.asUintN(64, ops.read64(off));
    let v = 0n;
    for (let i = 0; i < 8; i += access) {
      const part = ops.read(off + i, access as 1 | 2 | 4) & MASKS[access];
      v |= BigInt(part >>> 0) << BigInt(i * 8);
    }
    return v;
  }

  write64(addr: number, value: bigint): void {
    const r = this.find(addr);
    const v = BigInt.asUintN(64, value);
    if (r.kind === KIND_UNASSIGNED || addr + 8 > r.end) {
      this.write(addr, Number(v & 0xffffffffn), 4);
      this.write(addr + 4, Number(v >> 32n), 4);
      return;
    }
    const off = addr - r.start + r.offset;
    if (r.kind === KIND_RAM) {
      const ram = this.ram as GuestRam;
      ram.write(off, Number(v & 0xffffffffn), 4);
      ram.write(off + 4, Number(v >> 32n), 4);
      return;
    }
    if (!accessValid(r, off, 8)) {
      this.log?.invalidAccess(this.name, r.region?.name ?? "", off, 8, true);
      return;
    }
    const ops = r.ops as MemoryRegionOps;
    const access = Math.max(Math.min(8, r.imax), r.imin);
    if (access === 8 && ops.write64) {
      ops.write64(off, v);
      return;
    }
    const mask = (1n << BigInt(access * 8)) - 1n;
    for (let i = 0; i < 8; i += access) {
      ops.write(off + i, Number((v >> BigInt(i * 8)) & mask), access as 1 | 2 | 4);
    }
  }

  /** memory_region_dispatch_read for accesses off the fast path. */
  private dispatchRead(r: FlatRange, off: number, size: number): number {
    if (!accessValid(r, off, size)) {
      this.log?.invalidAccess(this.name, r.region?.name ?? "", off, size, false);
      return (this.unassignedValue & MASKS[size]) >>> 0;
    }
    // access_with_adjusted_size: widen to impl.min or split at impl.max, little-endian.
    const ops = r.ops as MemoryRegionOps;
    const access = Math.max(Math.min(size, r.imax), r.imin) as 1 | 2 | 4;
    let v = 0;
    for (let i = 0; i < size; i += access) {
      v += ((ops.read(off + i, access) & MASKS[access]) >>> 0) * 2 ** (i * 8);
    }
    return (v % 2 ** (size * 8)) >>> 0;
  }

  private dispatchWrite(r: FlatRange, off: number, value: number, size: number): void {
    if (!accessValid(r, off, size)) {
      this.log?.invalidAccess(this.name, r.region?.name ?? "", off, size, true);
      return;
    }
    const ops = r.ops as MemoryRegionOps;
    const access = Math.max(Math.min(size, r.imax), r.imin) as 1 | 2 | 4;
    for (let i = 0; i < size; i += access) {
      ops.write(off + i, (Math.floor(value / 2 ** (i * 8)) & MASKS[access]) >>> 0, access);
    }
  }

  /** Accesses that are unassigned or straddle ranges: byte by byte, as QEMU's flatview loop splits them. */
  private readSlow(addr: number, size: number): number {
    const r = this.find(addr);
    if (r.kind === KIND_UNASSIGNED && (size === 1 || this.find(addr + size - 1) === r)) {
      return (this.unassignedValue & MASKS[size]) >>> 0;
    }
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.read(addr + i, 1);
    return v >>> 0;
  }

  private writeSlow(addr: number, value: number, size: number): void {
    const r = this.find(addr);
    if (r.kind === KIND_UNASSIGNED && (size === 1 || this.find(addr + size - 1) === r)) return;
    for (let i = 0; i < size; i++) this.write(addr + i, Math.floor(value / 2 ** (i * 8)) & 0xff, 1);
  }
}

/** memory_region_access_valid (QEMU 7.2). */
function accessValid(r: FlatRange, off: number, size: number): boolean {
  if (!r.unaligned && (off & (size - 1)) !== 0) return false;
  if (r.vmax === 0) return true;
  return size >= r.vmin && size <= r.vmax;
}

/**
 * render_memory_region: walks the tree in priority order; a leaf claims only the parts of its span that
 * nothing rendered before it claimed. `clipStart/clipEnd` bound what the parent container shows.
 */
function renderRegion(out: FlatRange[], mr: MemoryRegion, base: number, clipStart: number, clipEnd: number): void {
  if (!mr.enabled) return;
  const start = base + mr.addr;
  const s = Math.max(start, clipStart);
  const e = Math.min(start + mr.size, clipEnd);
  if (s >= e) return;
  if (mr.kind === "alias") {
    const target = mr.aliasOf as MemoryRegion;
    // The alias shows target[aliasOffset, +size) at `start`.
    renderRegion(out, shifted(target, start - mr.aliasOffset), 0, s, e);
    return;
  }
  if (mr.kind === "container") {
    for (const sub of mr.subregions) renderRegion(out, sub, start, s, e);
    return;
  }
  // Leaf: fill the gaps in [s, e) not yet claimed.
  const claimed = out.filter((r) => r.end > s && r.start < e).sort((a, b) => a.start - b.start);
  let cur = s;
  for (const c of claimed) {
    if (c.start > cur) out.push(leafRange(mr, cur, c.start, cur - start));
    cur = Math.max(cur, c.end);
  }
  if (cur < e) out.push(leafRange(mr, cur, e, cur - start));
}

/** A view of `target` as if placed at `addr` (for aliases), sharing its ops. */
function shifted(target: MemoryRegion, addr: number): MemoryRegion {
  const view = Object.create(target) as MemoryRegion;
  Object.defineProperty(view, "addr", { value: addr });
  Object.defineProperty(view, "enabled", { value: true });
  return view;
}

function leafRange(mr: MemoryRegion, start: number, end: number, offsetInRegion: number): FlatRange {
  if (mr.kind === "ram") {
    return new FlatRange(start, end, KIND_RAM, mr, mr.ramOffset + offsetInRegion, undefined, 1, 8, true, 1, 8);
  }
  const ops = mr.ops as MemoryRegionOps;
  const valid = ops.valid;
  const impl = ops.impl;
  return new FlatRange(
    start,
    end,
    KIND_IO,
    mr,
    offsetInRegion,
    ops,
    valid ? valid.min || 1 : 1,
    valid ? valid.max : 0,
    valid?.unaligned ?? false,
    impl ? impl.min || 1 : 1,
    impl ? impl.max || 4 : 4,
  );
}
