// Bit sequences for the NIST tests: one Uint8Array element (0 or 1) per bit, ε₁ first.
//
// Bit order: the bits of each byte, and of each 32-bit word, are taken most significant first. So the
// byte 0xA0 gives 1,0,1,0,0,0,0,0 and the word 0x80000001 gives 1, then 30 zeros, then 1. A word stream is
// stored as bytes little-endian (the device's and `rnglab prng --raw`'s order), so the same data given as
// words or as their LE bytes yields the same bits in a different order (per byte vs per word); counts of
// ones, and so the frequency test, agree either way.

/** A bit sequence: element i is ε_(i+1), always 0 or 1. */
export type Bits = Uint8Array;

/** Bits of bytes, each byte most significant bit first. */
export function bitsFromBytes(bytes: Uint8Array): Bits {
  const out = new Uint8Array(bytes.length * 8);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const o = i * 8;
    for (let k = 0; k < 8; k++) out[o + k] = (b >>> (7 - k)) & 1;
  }
  return out;
}

/** Bits of 32-bit words, each word most significant bit (bit 31) first. */
export function bitsFromWords(words: Uint32Array): Bits {
  const out = new Uint8Array(words.length * 32);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const o = i * 32;
    for (let k = 0; k < 32; k++) out[o + k] = (w >>> (31 - k)) & 1;
  }
  return out;
}

/** Bits written as text, e.g. "1011010101" as in NIST SP 800-22's examples (other characters are skipped). */
export function bitsFromString(text: string): Bits {
  const out: number[] = [];
  for (const ch of text) {
    if (ch === "0") out.push(0);
    else if (ch === "1") out.push(1);
  }
  return Uint8Array.from(out);
}

/** Words as bytes, 4 little-endian bytes each. */
export function wordsToBytesLE(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const o = i * 4;
    out[o] = w & 0xff;
    out[o + 1] = (w >>> 8) & 0xff;
    out[o + 2] = (w >>> 16) & 0xff;
    out[o + 3] = w >>> 24;
  }
  return out;
}

/** Bytes as 32-bit words, 4 little-endian bytes each; a trailing partial word is dropped. */
export function bytesToWordsLE(bytes: Uint8Array): Uint32Array {
  const n = Math.floor(bytes.length / 4);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    out[i] = (bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24)) >>> 0;
  }
  return out;
}
