import { describe, expect, it } from "vitest";
import { Sfc64, sfc64 } from "./sfc64.js";
import { M64, modelCase, vectorCases } from "./test-vectors.js";

/** A direct BigInt transcription of PractRand's sfc64 raw64, as an independent model. */
function modelFrom(state: { a: bigint; b: bigint; c: bigint; counter: bigint }, n: number): bigint[] {
  let { a, b, c, counter } = state;
  const raw64 = (): bigint => {
    const tmp = (a + b + counter) & M64;
    counter = (counter + 1n) & M64;
    a = b ^ (b >> 11n);
    b = (c + (c << 3n)) & M64;
    c = ((((c << 24n) | (c >> 40n)) & M64) + tmp) & M64;
    return tmp;
  };
  return Array.from({ length: n }, raw64);
}

/** PractRand's sfc64::seed(s): a = b = c = s, counter = 1, 12 outputs discarded. */
function model(seed: bigint, n: number): bigint[] {
  return modelFrom({ a: seed, b: seed, c: seed, counter: 1n }, 12 + n).slice(12);
}

describe("sfc64", () => {
  vectorCases(sfc64);

  // No canonical vector is published (PractRand ships none): check against an independent model instead.
  modelCase(sfc64, model, "a BigInt transcription of PractRand's sfc64 (sfc.cpp), as no canonical vector exists");

  it("the 64-bit counter carries into its high half (state reached after 2^32 outputs, set directly)", () => {
    const g = new Sfc64();
    const a = 0x0123456789abcdefn;
    const b = 0xfedcba9876543210n;
    const c = 0xffffffffffffffffn;
    const counter = 0xfffffffen;
    const halves = (v: bigint): [number, number] => [Number(v & 0xffffffffn) | 0, Number(v >> 32n) | 0];
    // Private fields, set from the test only: the int32 halves of a, b, c and the counter w.
    const st = g as unknown as Record<"al" | "ah" | "bl" | "bh" | "cl" | "ch" | "wl" | "wh", number>;
    [st.al, st.ah] = halves(a);
    [st.bl, st.bh] = halves(b);
    [st.cl, st.ch] = halves(c);
    [st.wl, st.wh] = halves(counter);
    const expected = modelFrom({ a, b, c, counter }, 6);
    expect(Array.from({ length: 6 }, () => g.nextOutput())).toEqual(expected);
    expect([st.wl, st.wh]).toEqual([4, 1]);
  });
});
