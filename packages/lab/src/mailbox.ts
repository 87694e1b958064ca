// One request at a time from the terminal to the guest thread (the CLI's worker thread, the playground's Web Worker), in shared memory so the guest can take it
// at a syscall boundary while a background job keeps its event loop busy.
export const REQUEST_LINE = 1;
export const REQUEST_MONITOR = 2;
export const REQUEST_COMPLETE = 3;
export const REQUEST_REGISTER = 4;
export const REQUEST_MODE = 5;
export const REQUEST_CANCEL = 6;

const CAPACITY = 64 * 1024;

export class Mailbox {
  /** [0] kind (0 = empty), [1] byte length; then the UTF-8 text. */
  private readonly head: Int32Array;
  private readonly bytes: Uint8Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8 + CAPACITY)) {
    this.head = new Int32Array(buffer, 0, 2);
    this.bytes = new Uint8Array(buffer, 8);
  }

  /** Puts a request; false if one is still waiting or the text does not fit. */
  put(kind: number, text: string): boolean {
    if (Atomics.load(this.head, 0) !== 0) return false;
    // Encoded aside and copied in: browsers refuse to encode into (or decode from) shared memory.
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > this.bytes.length) return false;
    this.bytes.set(bytes);
    Atomics.store(this.head, 1, bytes.length);
    Atomics.store(this.head, 0, kind);
    return true;
  }

  /** Takes the waiting request, if any (the mailbox is empty afterwards). */
  take(): { kind: number; text: string } | undefined {
    const kind = Atomics.load(this.head, 0);
    if (kind === 0) return undefined;
    const text = new TextDecoder().decode(this.bytes.slice(0, Atomics.load(this.head, 1)));
    Atomics.store(this.head, 0, 0);
    return { kind, text };
  }
}
