import { createCipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ChaCha20, chacha20, chacha20Block } from "./chacha20.js";
import { vectorCases, vectorEntry } from "./test-vectors.js";

const splitmix = vectorEntry("splitmix64");

const M64 = (1n << 64n) - 1n;
const bytesToWords = (hex: string): Uint32Array => {
  const b = Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
  return new Uint32Array(Array.from({ length: b.length / 4 }, (_, i) => (b[4 * i] | (b[4 * i + 1] << 8) | (b[4 * i + 2] << 16) | (b[4 * i + 3] << 24)) >>> 0));
};
const RFC_KEY = bytesToWords("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

/** The key words as the brief's seeding rule makes them: lo32, hi32 of splitmix64 outputs 1..4 from seed. */
function keyFromSplitmix(outputs: bigint[]): Uint32Array {
  return new Uint32Array(outputs.flatMap((o) => [Number(o & 0xffffffffn), Number(o >> 32n)]));
}
function splitmix64(seed: bigint, n: number): bigint[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x + 0x9e3779b97f4a7c15n) & M64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
    return z ^ (z >> 31n);
  });
}
/** The RNG's keystream from OpenSSL's chacha20 (16-byte IV = 32-bit LE counter 0 + 12 zero nonce bytes). */
function opensslKeystream(key: Uint32Array, words: number): Uint32Array {
  const keyBytes = Uint8Array.from({ length: 32 }, (_, i) => (key[i >> 2] >>> (8 * (i & 3))) & 0xff);
  const ks = createCipheriv("chacha20", keyBytes, new Uint8Array(16)).update(new Uint8Array(4 * words));
  return Uint32Array.from({ length: words }, (_, i) => ks.readUInt32LE(4 * i));
}

describe("chacha20 block function (RFC 8439)", () => {
  it("canonical check: RFC 8439 §2.3.2 block test vector (key 00..1f, nonce 000000090000004a00000000, counter 1 -> e4e7f110 15593bd1 ... 4e3c50a2)", () => {
    const out = new Uint32Array(16);
    chacha20Block(RFC_KEY, 1, bytesToWords("000000090000004a00000000"), out);
    expect(Array.from(out)).toEqual([
      0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3, 0xc7f4d1c7, 0x0368c033, 0x9aaa2204, 0x4e6cd4c3, 0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9,
      0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2,
    ]);
  });
  it("canonical check: RFC 8439 §2.4.2 'sunscreen' ciphertext (counter 1, nonce 000000000000004a00000000)", () => {
    const plaintext = new TextEncoder().encode(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    );
    const nonce = bytesToWords("000000000000004a00000000");
    const block = new Uint32Array(16);
    const cipher = plaintext.map((p, i) => {
      if (i % 64 === 0) chacha20Block(RFC_KEY, 1 + i / 64, nonce, block);
      return p ^ ((block[(i % 64) >> 2] >>> (8 * (i % 4))) & 0xff);
    });
    const hex = Array.from(cipher, (b) => b.toString(16).padStart(2, "0")).join("");
    expect(hex).toBe(
      "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8" +
        "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8eedf2785e42874d",
    );
  });
});

describe("chacha20 against the reference vectors", () => {
  vectorCases(chacha20, { entryChecks: (entry) => expect(Object.keys(entry.skipped_seeds)).toEqual([]) });
  it("the key is the splitmix64 reference outputs 1..4 of the seed (seeds 0, 1, 42)", () => {
    for (const seed of ["0", "1", "42"]) {
      const key = keyFromSplitmix(splitmix.seeds[seed].slice(0, 4).map(BigInt));
      const want = new Uint32Array(64);
      for (let b = 0; b < 4; b++) chacha20Block(key, b, new Uint32Array(3), want.subarray(16 * b));
      const got = new Uint32Array(64);
      new ChaCha20(BigInt(seed)).fill(got);
      expect(got).toEqual(want);
    }
  });
  it("the stream equals OpenSSL's chacha20 keystream (node:crypto) for any 64-bit seed", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), (seed) => {
        const got = new Uint32Array(80);
        new ChaCha20(seed).fill(got);
        const want = opensslKeystream(keyFromSplitmix(splitmix64(seed, 4)), 80);
        return got.every((w, i) => w === want[i]);
      }),
      { numRuns: 50 },
    );
  });
});

describe("chacha20 word stream and seeds", () => {
  it("the 32-bit block counter wraps from 0xffffffff to 0 (the nonce stays zero)", () => {
    const g = new ChaCha20(9n);
    const key = keyFromSplitmix(splitmix64(9n, 4));
    (g as unknown as { counter: number }).counter = -1; // block 0xffffffff next (int32 bit pattern)
    const got = new Uint32Array(32);
    g.fill(got);
    const want = new Uint32Array(32);
    chacha20Block(key, 0xffffffff, new Uint32Array(3), want.subarray(0, 16));
    chacha20Block(key, 0, new Uint32Array(3), want.subarray(16));
    expect(got).toEqual(want);
  });
});
