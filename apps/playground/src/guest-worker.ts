// The guest in a Web Worker, as the CLI runs it in a worker thread: the page stays responsive while a
// guest program runs. With cross-origin isolation the page and the worker share a mailbox and a Ctrl-C
// flag, and the kernel takes a request at its next syscall entry even while a background job computes;
// without it, requests arrive as messages and wait until the guest is idle.
import { GuestSession, Mailbox, REQUEST_CANCEL, REQUEST_COMPLETE, REQUEST_MODE, REQUEST_MONITOR, REQUEST_REGISTER, machineView, type SessionEvent } from "@rng/lab";
import { QemuError, QemuHelp } from "@rng/hw-qemu";
import type { FromGuest, ToGuest, RequestKind } from "./guest-protocol.js";

const post = (m: FromGuest) => (self as unknown as Worker).postMessage(m);
let session: GuestSession | undefined;
let mailbox: Mailbox | undefined;
/** [0]: the id + 1 of the line Ctrl-C was pressed for (the page counts the lines it sent; 0: none). */
let flags: Int32Array | undefined;
/** Live lines taken so far: the running one's id (0: a replayed line still running when the log ran out). */
let linesTaken = 0;
const KIND_OF: Record<number, RequestKind> = { [REQUEST_COMPLETE]: "complete", [REQUEST_MONITOR]: "monitor", [REQUEST_REGISTER]: "register", [REQUEST_MODE]: "mode", [REQUEST_CANCEL]: "cancel" };

function view() {
  return session ? machineView(session.machine, session.guest.kernel) : undefined;
}

function take(kind: RequestKind, text: string, atHook: boolean): void {
  if (!session) return;
  if (kind === "line") linesTaken++;
  const r = session.request(kind, text, atHook);
  post({ type: "idle", prompt: session.prompt, exited: kind === "line" && session.exited, nowNs: session.nowNs, view: view()!, status: r.status, kind });
}

function takeMailbox(atHook: boolean): void {
  const req = mailbox?.take();
  if (req) take(KIND_OF[req.kind] ?? "line", req.text, atHook);
}

function boot(msg: Extract<ToGuest, { type: "boot" }>): void {
  const t0 = performance.now();
  if (msg.shared) {
    mailbox = new Mailbox(msg.shared.mailbox);
    flags = new Int32Array(msg.shared.signals);
  }
  try {
    session = new GuestSession({
      machineArgs: msg.machineArgs,
      driver: msg.driver,
      profile: msg.profile,
      output: (stream, text) => post({ type: "out", stream, text }),
      jobEnded: (text) => post({ type: "job", text }),
      // A Ctrl-C for a line that has ended (pressed just as it finished) never matches a later line.
      interruptPending: () => (flags ? Atomics.load(flags, 0) === linesTaken + 1 : false),
      onLive: (s) => post({ type: "live", foregroundRunning: s.foregroundRunning, prompt: session?.prompt ?? "~ # " }),
      poll: () => takeMailbox(true),
      defer: (fn) => setTimeout(fn, 0),
      onTake: (ev: SessionEvent, prompt) => post({ type: "took", ev, prompt }),
      onResult: (ev, result) => post({ type: "result", ev, result }),
    });
  } catch (e) {
    // -device help and friends: QEMU prints the help and exits, so the machine does not start.
    const text = e instanceof QemuHelp ? e.text : e instanceof QemuError ? e.render() : `${(e as Error).message}\n`;
    post({ type: "boot-failed", text });
    return;
  }
  const booted = performance.now();
  if (msg.replay.length) session.replay(msg.replay);
  post({ type: "ready", prompt: session.prompt, nowNs: session.nowNs, view: view()!, bootMs: booted - t0, replayMs: performance.now() - booted, exited: session.exited, notes: [...session.machine.config.notes] });
}

self.onmessage = (e: MessageEvent<ToGuest>) => {
  const msg = e.data;
  if (msg.type === "boot") boot(msg);
  else if (msg.type === "poke") takeMailbox(false);
  else if (msg.type === "request") take(msg.kind, msg.text, false);
};
