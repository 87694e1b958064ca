import { EFAULT } from "./errno.js";

/**
 * A process's user address space: a few mappings (program data, heap, stack) backed by typed arrays.
 * Accesses outside a mapping fault, so a bad pointer handed to a syscall gives EFAULT as in Linux.
 */
export class UserMemory {
  private readonly maps: { start: number; bytes: Uint8Array }[] = [];
  private brk: number;

  constructor(
    /** Where the heap starts (an x86-64 user address). */
    readonly heapStart = 0x00400000,
    /** The most the heap may grow to (brk limit). */
    readonly heapLimit = 64 << 20,
  ) {
    this.maps.push({ start: heapStart, bytes: new Uint8Array(4096) });
    this.brk = heapStart;
  }

  /** malloc: bump allocation in the heap, 16-byte aligned; the heap grows (brk) as needed. */
  alloc(size: number): number {
    const p = Math.ceil(this.brk / 16) * 16;
    const need = p + size - this.heapStart;
    if (need > this.heapLimit) throw new RangeError("user heap exhausted");
    const heap = this.maps[0];
    if (need > heap.bytes.length) {
      let len = heap.bytes.length;
      while (len < need) len *= 2;
      const grown = new Uint8Array(Math.min(len, this.heapLimit));
      grown.set(heap.bytes);
      heap.bytes = grown;
    }
    this.brk = p + size;
    return p;
  }

  /** The backing bytes of [ptr, ptr+len), or undefined if any byte is unmapped (the access would fault). */
  range(ptr: number, len: number): Uint8Array | undefined {
    if (!Number.isSafeInteger(ptr) || len < 0) return undefined;
    for (const m of this.maps) {
      if (ptr >= m.start && ptr + len <= m.start + m.bytes.length) return m.bytes.subarray(ptr - m.start, ptr - m.start + len);
    }
    return undefined;
  }

  /** copy_to_user's view: 0, or -EFAULT with nothing written. Small copies avoid allocating a view. */
  write(ptr: number, data: Uint8Array): number {
    const len = data.length;
    for (let i = 0; i < this.maps.length; i++) {
      const m = this.maps[i];
      const off = ptr - m.start;
      if (off >= 0 && off + len <= m.bytes.length) {
        if (len <= 16) for (let j = 0; j < len; j++) m.bytes[off + j] = data[j];
        else m.bytes.set(data, off);
        return 0;
      }
    }
    return -EFAULT;
  }

  read(ptr: number, len: number): Uint8Array | number {
    const r = this.range(ptr, len);
    if (!r) return -EFAULT;
    return r.slice();
  }

  /** The mapping holding [ptr, ptr+len), or undefined (no allocation: a hot path of user programs). */
  private mapOf(ptr: number, len: number): { start: number; bytes: Uint8Array } | undefined {
    for (let i = 0; i < this.maps.length; i++) {
      const m = this.maps[i];
      if (ptr >= m.start && ptr + len <= m.start + m.bytes.length) return m;
    }
    return undefined;
  }

  /** Little-endian u32 at a user pointer, for the program's own use (it faults like a real load). */
  loadU32(ptr: number): number {
    const m = this.mapOf(ptr, 4);
    if (!m) throw new RangeError(`segmentation fault at 0x${ptr.toString(16)}`);
    const b = m.bytes;
    const o = ptr - m.start;
    return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
  }

  storeU32(ptr: number, v: number): void {
    const m = this.mapOf(ptr, 4);
    if (!m) throw new RangeError(`segmentation fault at 0x${ptr.toString(16)}`);
    const b = m.bytes;
    const o = ptr - m.start;
    b[o] = v & 0xff;
    b[o + 1] = (v >>> 8) & 0xff;
    b[o + 2] = (v >>> 16) & 0xff;
    b[o + 3] = (v >>> 24) & 0xff;
  }
}
