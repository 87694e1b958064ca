/**
 * Guest RAM, paged and allocated on first write: `-m 1G` costs nothing until the guest touches it.
 * Offsets are RAM offsets (not guest-physical addresses; the machine maps RAM regions onto them).
 */
export const RAM_PAGE_SIZE = 4096;
const PAGE_MASK = RAM_PAGE_SIZE - 1;

export class GuestRam {
  private readonly pages: (Uint8Array | undefined)[];
  private allocated = 0;

  constructor(readonly size: number) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad RAM size ${size}`);
    this.pages = new Array(Math.ceil(size / RAM_PAGE_SIZE));
  }

  /** Bytes of host memory backing touched pages. */
  get allocatedBytes(): number {
    return this.allocated * RAM_PAGE_SIZE;
  }

  private page(index: number): Uint8Array {
    let p = this.pages[index];
    if (!p) {
      p = new Uint8Array(RAM_PAGE_SIZE);
      this.pages[index] = p;
      this.allocated++;
    }
    return p;
  }

  private check(offset: number, len: number): void {
    if (offset < 0 || len < 0 || offset + len > this.size) {
      throw new RangeError(`RAM access [${offset}, +${len}) outside 0..${this.size}`);
    }
  }

  readU8(offset: number): number {
    const p = this.pages[Math.floor(offset / RAM_PAGE_SIZE)];
    return p ? p[offset & PAGE_MASK] : 0;
  }

  /** Little-endian read of 1, 2 or 4 bytes. */
  read(offset: number, size: 1 | 2 | 4): number {
    this.check(offset, size);
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.byteAt(offset + i);
    return v;
  }

  write(offset: number, value: number, size: 1 | 2 | 4): void {
    this.check(offset, size);
    let v = value >>> 0;
    for (let i = 0; i < size; i++) {
      this.setByteAt(offset + i, v & 0xff);
      v >>>= 8;
    }
  }

  /** Copies RAM into `dst` (untouched pages read as zeros, and stay unallocated). */
  readBytes(offset: number, dst: Uint8Array): void {
    this.check(offset, dst.length);
    this.forEachPageRun(offset, dst.length, (index, inPage, done, n) => {
      const p = this.pages[index];
      if (p) dst.set(p.subarray(inPage, inPage + n), done);
      else dst.fill(0, done, done + n);
    });
  }

  writeBytes(offset: number, src: Uint8Array): void {
    this.check(offset, src.length);
    this.forEachPageRun(offset, src.length, (index, inPage, done, n) => {
      this.page(index).set(src.subarray(done, done + n), inPage);
    });
  }

  /** Splits [offset, offset+len) at page boundaries: (page index, offset in page, bytes done, run length). */
  private forEachPageRun(offset: number, len: number, run: (index: number, inPage: number, done: number, n: number) => void): void {
    let done = 0;
    while (done < len) {
      const at = offset + done;
      const index = Math.floor(at / RAM_PAGE_SIZE);
      const inPage = at - index * RAM_PAGE_SIZE;
      const n = Math.min(RAM_PAGE_SIZE - inPage, len - done);
      run(index, inPage, done, n);
      done += n;
    }
  }

  private byteAt(offset: number): number {
    const p = this.pages[Math.floor(offset / RAM_PAGE_SIZE)];
    return p ? p[offset % RAM_PAGE_SIZE] : 0;
  }

  private setByteAt(offset: number, v: number): void {
    this.page(Math.floor(offset / RAM_PAGE_SIZE))[offset % RAM_PAGE_SIZE] = v;
  }
}
