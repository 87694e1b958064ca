// Messages between the page and the guest's worker.
import type { MachineView, RequestResult, SessionEvent } from "@rng/lab";

export type RequestKind = "line" | "monitor" | "complete" | "register" | "mode" | "cancel";

export type ToGuest =
  | {
      type: "boot";
      machineArgs: string[];
      driver: "builtin" | "module" | "pci";
      profile: "tcg" | "kvm";
      /** A logged session to replay first (a shared link). */
      replay: SessionEvent[];
      /** Present when the page is cross-origin isolated: the mailbox and the Ctrl-C flag. */
      shared?: { mailbox: SharedArrayBuffer; signals: SharedArrayBuffer };
    }
  /** A request is waiting in the shared mailbox. */
  | { type: "poke" }
  /** A request without shared memory (taken when the guest is idle). */
  | { type: "request"; kind: RequestKind; text: string };

export type FromGuest =
  | { type: "out"; stream: "stdout" | "stderr"; text: string }
  | { type: "job"; text: string }
  | { type: "took"; ev: SessionEvent; prompt: string }
  | { type: "result"; ev: SessionEvent; result: RequestResult }
  | { type: "idle"; kind: RequestKind; status: number; prompt: string; exited: boolean; nowNs: number; view: MachineView }
  | { type: "ready"; prompt: string; nowNs: number; view: MachineView; bootMs: number; replayMs: number; exited: boolean; notes: string[] }
  | { type: "boot-failed"; text: string }
  /** A replayed link's log ran out while a command or job it started still runs: keys are live now. */
  | { type: "live"; foregroundRunning: boolean; prompt: string };
