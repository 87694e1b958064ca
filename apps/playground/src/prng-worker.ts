// The PRNG page's worker: one request `{ gen, seed, bytes, register }` in, one report (or `{ error }`) out,
// so a megabyte of battery never blocks the page. The computation is prng-stats.ts's, pure.

import { computePrngReport, isPrngError, type PrngReply, type PrngRequest } from "./prng-stats.js";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<PrngRequest>) => {
  let reply: PrngReply;
  try {
    const data = event.data as Partial<PrngRequest> | null;
    reply = computePrngReport({
      gen: String(data?.gen ?? ""),
      seed: String(data?.seed ?? ""),
      bytes: Number(data?.bytes),
      register: Boolean(data?.register),
    });
  } catch (e) {
    reply = { error: e instanceof Error ? e.message : String(e) };
  }
  if (isPrngError(reply)) scope.postMessage(reply);
  else scope.postMessage(reply, [reply.bitmapBytes.buffer]);
};
