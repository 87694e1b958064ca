export { ALPHA, makeResult, type TestResult } from "./result.js";
export {
  chiSquareSurvival,
  erf,
  erfc,
  igam,
  igamc,
  lgamma,
  normalCdf,
  poissonCdf,
  poissonPmf,
  poissonSurvivalAtLeast,
} from "./special.js";
export { bitsFromBytes, bitsFromString, bitsFromWords, bytesToWordsLE, wordsToBytesLE, type Bits } from "./bits.js";
export {
  blockFrequencyTest,
  frequencyTest,
  longestRunOfOnesTest,
  longestRunParams,
  longestRunProbabilities,
  runsTest,
  type LongestRunParams,
} from "./nist-basic.js";
export {
  approximateEntropyTest,
  cumulativeSumsPValue,
  cumulativeSumsTest,
  overlappingPatternCounts,
  serialTest,
} from "./nist-patterns.js";
export { byteChiSquareTest } from "./byte-chi-square.js";
export {
  birthdaySpacingsTest,
  duplicateSpacings,
  poissonClasses,
  type BirthdaySpacingsOptions,
} from "./birthday.js";
export { runBattery, streamFor, type BatteryOptions, type StreamOptions } from "./battery.js";
