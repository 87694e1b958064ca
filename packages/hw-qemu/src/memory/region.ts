/**
 * QEMU's memory API, as far as the guest can observe it: regions with ops that declare which access sizes
 * are valid and which the callbacks implement (include/exec/memory.h, softmmu/memory.c).
 */

export type AccessSize = 1 | 2 | 4 | 8;

export interface AccessSizes {
  /** Smallest access size in bytes. QEMU treats 0 as 1. */
  min: number;
  /** Largest access size in bytes. For `valid`, 0 means "any size is valid" (QEMU's compatibility rule). */
  max: number;
}

export interface MemoryRegionOps {
  /** Reads `size` bytes at `offset`; `size` is within `impl`. Returns an unsigned value. */
  read(offset: number, size: 1 | 2 | 4): number;
  write(offset: number, value: number, size: 1 | 2 | 4): void;
  /** Only for regions whose impl.max is 8: one 8-byte access. */
  read64?(offset: number): bigint;
  write64?(offset: number, value: bigint): void;
  /** Sizes the device accepts; outside them a read returns 0 and a write is dropped (memory_region_access_valid). */
  valid?: AccessSizes & { unaligned?: boolean };
  /** Sizes the callbacks handle; the core splits or widens other valid accesses (access_with_adjusted_size). */
  impl?: AccessSizes;
}

export type RegionKind = "container" | "io" | "ram" | "alias";

let nextRegionId = 1;

export class MemoryRegion {
  readonly id = nextRegionId++;
  /** Where this region sits in its parent's address space (set by addSubregion). */
  addr = 0;
  priority = 0;
  enabled = true;
  parent: MemoryRegion | undefined;
  readonly subregions: MemoryRegion[] = [];
  /** For aliases: the target region and the offset into it. */
  aliasOf: MemoryRegion | undefined;
  aliasOffset = 0;
  /** Called when the region's layout changes, to re-render flat views that contain it. */
  onLayoutChange: (() => void) | undefined;

  constructor(
    readonly kind: RegionKind,
    readonly name: string,
    readonly size: number,
    readonly ops?: MemoryRegionOps,
    /** For RAM regions: offset of this region's first byte in guest RAM. */
    readonly ramOffset = 0,
  ) {}

  static container(name: string, size: number): MemoryRegion {
    return new MemoryRegion("container", name, size);
  }

  static io(name: string, size: number, ops: MemoryRegionOps): MemoryRegion {
    return new MemoryRegion("io", name, size, ops);
  }

  static ram(name: string, size: number, ramOffset: number): MemoryRegion {
    return new MemoryRegion("ram", name, size, undefined, ramOffset);
  }

  static alias(name: string, target: MemoryRegion, offset: number, size: number): MemoryRegion {
    const r = new MemoryRegion("alias", name, size);
    r.aliasOf = target;
    r.aliasOffset = offset;
    return r;
  }

  /**
   * Adds `sub` at `addr`. Among overlapping subregions the higher priority wins; among equal priorities the
   * one added last wins, as QEMU inserts it before its equals (memory_region_add_subregion_common).
   */
  addSubregion(addr: number, sub: MemoryRegion, priority = 0): void {
    if (sub.parent) throw new Error(`memory region ${sub.name} already has a parent`);
    sub.addr = addr;
    sub.priority = priority;
    sub.parent = this;
    const i = this.subregions.findIndex((o) => priority >= o.priority);
    if (i < 0) this.subregions.push(sub);
    else this.subregions.splice(i, 0, sub);
    this.changed();
  }

  removeSubregion(sub: MemoryRegion): void {
    const i = this.subregions.indexOf(sub);
    if (i >= 0) {
      this.subregions.splice(i, 1);
      sub.parent = undefined;
      this.changed();
    }
  }

  /** Moves the region within its parent (memory_region_set_address). */
  setAddress(addr: number): void {
    if (addr === this.addr) return;
    this.addr = addr;
    this.changed();
  }

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    this.changed();
  }

  private changed(): void {
    this.onLayoutChange?.();
    let r = this.parent;
    while (r) {
      r.onLayoutChange?.();
      r = r.parent;
    }
  }
}
