import type { Prng } from "@rng/prngs";

/** Packs each output's `outputBits` low bits, most significant first, into bytes (bits MSB first). */
export function outputBitsStream(prng: Prng, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const bitsPer = prng.info.outputBits;
  let acc = 0;
  let nacc = 0;
  let at = 0;
  while (at < bytes) {
    const v = prng.nextOutput();
    for (let b = bitsPer - 1; b >= 0 && at < bytes; b--) {
      acc = (acc << 1) | Number((v >> BigInt(b)) & 1n);
      if (++nacc === 8) {
        out[at++] = acc;
        acc = 0;
        nacc = 0;
      }
    }
  }
  return out;
}
