import { EFAULT, ENOTTY, type IoMem, type Kernel } from "@rng/guest-kernel";
import { MY_RNG_IOCTL_RAND, MY_RNG_IOCTL_SEED } from "./uapi.js";

export const REG_RNG = 0x0;
export const REG_SEED = 0x4;

/**
 * The lab's unlocked_ioctl body, shared by every variant: RAND is ioread32(RNG) then copy_to_user of 4
 * bytes (-EFAULT if that fails); SEED is copy_from_user of 4 bytes then iowrite32(SEED); else -ENOTTY.
 * `word` is a 4-byte kernel buffer the caller keeps (no allocation per call).
 */
export function myRngIoctl(k: Kernel, base: IoMem, cmd: number, arg: number, word: Uint8Array): number {
  k.driverWork(k.costs.ns.driverNs);
  switch (cmd) {
    case MY_RNG_IOCTL_RAND: {
      const v = k.ioread32(base, REG_RNG);
      word[0] = v & 0xff;
      word[1] = (v >>> 8) & 0xff;
      word[2] = (v >>> 16) & 0xff;
      word[3] = v >>> 24;
      return k.copyToUser(arg, word) ? -EFAULT : 0;
    }
    case MY_RNG_IOCTL_SEED: {
      if (k.copyFromUser(word, arg)) return -EFAULT;
      k.iowrite32((word[0] | (word[1] << 8) | (word[2] << 16) | (word[3] << 24)) >>> 0, base, REG_SEED);
      return 0;
    }
    default:
      return -ENOTTY;
  }
}

/** The line the lab's driver prints when it is ready. */
export function readyLine(extra = ""): string {
  return `my_rng_driver loaded${extra}, registered ioctls 0x${MY_RNG_IOCTL_RAND.toString(16)} (get a random number) and 0x${MY_RNG_IOCTL_SEED.toString(16)} (seed the generator)`;
}
