import type { Prng, PrngInfo } from "../prng.js";
import { splitmix64Outputs } from "./splitmix64.js";

/**
 * What xoshiro256** and xoshiro256+ share: the 256-bit state s0..s3 as int32 halves, the pending high half of
 * the last output, seeding (4 successive splitmix64 outputs), setState and nextOutput(). The hot paths
 * (nextWord, fill) stay in each concrete class, so V8 sees one receiver map in each and keeps them monomorphic.
 */
export abstract class Xoshiro256Base implements Prng {
  abstract readonly info: PrngInfo;
  protected l0 = 0; // s0..s3 as int32 halves
  protected h0 = 0;
  protected l1 = 0;
  protected h1 = 0;
  protected l2 = 0;
  protected h2 = 0;
  protected l3 = 0;
  protected h3 = 0;
  protected hi = 0; // high half of the last output, still to be streamed when hasHi
  protected hasHi = false;

  seed(seed: bigint): void {
    this.setState(splitmix64Outputs(seed, 4));
  }

  /** Sets the reference code's s[0..3] (64-bit words) directly, e.g. to replay published vectors. */
  setState(s: readonly bigint[]): void {
    const lo = (i: number): number => Number(BigInt.asUintN(32, s[i])) | 0;
    const hi = (i: number): number => Number(BigInt.asUintN(32, s[i] >> 32n)) | 0;
    this.l0 = lo(0);
    this.h0 = hi(0);
    this.l1 = lo(1);
    this.h1 = hi(1);
    this.l2 = lo(2);
    this.h2 = hi(2);
    this.l3 = lo(3);
    this.h3 = hi(3);
    this.hasHi = false;
  }

  abstract nextWord(): number;
  abstract fill(out: Uint32Array): void;

  /** Next whole output. A high half left pending by nextWord() is dropped: outputs always start fresh. */
  nextOutput(): bigint {
    this.hasHi = false;
    const lo = this.nextWord();
    const hi = this.nextWord();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
}
