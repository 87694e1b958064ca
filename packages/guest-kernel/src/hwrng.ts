import { EAGAIN, EBUSY, EINVAL, ENODEV } from "./errno.js";
import type { Kernel } from "./kernel.js";
import { dir, gen } from "./vfs/inode.js";
import { O_ACCMODE, O_RDONLY } from "./vfs/file.js";

/** struct hwrng: read fills up to max bytes of `buf`, returning the count (0 = nothing yet) or -errno. */
export interface Hwrng {
  name: string;
  /** Entropy per 1024 bits; 0 means the core never reads it in the background (Linux 6.1 hw_random). */
  quality: number;
  read(buf: Uint8Array, max: number, wait: boolean): number;
}

/** RNG_BUFFER_SIZE in drivers/char/hw_random/core.c: max(32, SMP_CACHE_BYTES) = 64 on x86-64. */
export const RNG_BUFFER_SIZE = 64;
const MISC_MAJOR = 10;
const HWRNG_MINOR = 183;

/**
 * The hw_random core (drivers/char/hw_random/core.c) as the lab uses it: /dev/hwrng (misc 10:183) reads
 * the current rng through a 64-byte buffer; /sys/class/misc/hw_random/ shows rng_available, rng_current,
 * rng_selected and rng_quality. A driver registering with quality 0 gets no kernel thread reading it.
 */
export class HwrngCore {
  private readonly rngs: Hwrng[] = [];
  private current: Hwrng | undefined;
  private readonly buf = new Uint8Array(RNG_BUFFER_SIZE);
  /** Bytes of `buf` not yet handed out (data_avail): kept for the next read, never dropped. */
  private avail = 0;
  private start = 0;

  constructor(private readonly k: Kernel) {}

  install(): void {
    const k = this.k;
    k.registerChrdev(MISC_MAJOR, "misc", {
      // rng_dev_open (Linux 6.1 drivers/char/hw_random/core.c) only enforces read-only access; with no
      // rng registered the open still succeeds and read says -ENODEV.
      open: (_inode, file) => (file.inode.kind !== "chr" || file.inode.minor !== HWRNG_MINOR ? -ENODEV : (file.flags & O_ACCMODE) !== O_RDONLY ? -EINVAL : 0),
      read: (_file, userBuf, count) => this.devRead(userBuf, count),
    });
    k.vfs.install("/dev/hwrng", { kind: "chr", mode: 0o600, major: MISC_MAJOR, minor: HWRNG_MINOR });
    k.vfs.install(
      "/sys/class/misc/hw_random",
      dir({
        rng_available: gen(() => `${this.rngs.map((r) => r.name).join(" ")}\n`),
        rng_current: gen(
          () => `${this.current?.name ?? "none"}\n`,
          0o644,
          (data) => this.select(new TextDecoder().decode(data).trim()) || data.length,
        ),
        rng_selected: gen(() => "0\n"),
        rng_quality: gen(() => `${this.current?.quality ?? 0}\n`),
        dev: gen(() => `${MISC_MAJOR}:${HWRNG_MINOR}\n`),
      }),
    );
  }

  register(rng: Hwrng): number {
    if (this.rngs.some((r) => r.name === rng.name)) return -EBUSY;
    this.rngs.push(rng);
    if (!this.current) this.current = rng;
    return 0;
  }

  unregister(rng: Hwrng): void {
    const i = this.rngs.indexOf(rng);
    if (i >= 0) this.rngs.splice(i, 1);
    if (this.current === rng) {
      this.current = this.rngs[0];
      this.avail = 0;
    }
  }

  private select(name: string): number {
    const r = this.rngs.find((x) => x.name === name);
    if (!r) return -EINVAL;
    this.current = r;
    return 0;
  }

  /** rng_dev_read: fill the user's buffer 64 bytes at a time from the current rng. */
  private devRead(userBuf: number, count: number): number {
    const rng = this.current;
    if (!rng) return -ENODEV;
    let done = 0;
    while (done < count) {
      if (this.avail === 0) {
        const n = rng.read(this.buf, RNG_BUFFER_SIZE, true);
        if (n < 0) return done || n;
        if (n === 0) return done || -EAGAIN;
        this.avail = n;
        this.start = 0;
      }
      const take = Math.min(this.avail, count - done);
      if (this.k.copyToUser(userBuf + done, this.buf.subarray(this.start, this.start + take))) return done || -14;
      this.start += take;
      this.avail -= take;
      done += take;
    }
    return done;
  }
}
