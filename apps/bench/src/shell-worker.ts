// The guest of `rnglab shell`, in a worker thread: the terminal (main thread) stays responsive while a
// guest program runs, so Ctrl-C can reach it. Requests (a shell line, a monitor line, a completion) arrive
// through a shared mailbox, so that they are taken even while a background job keeps this thread busy:
// the kernel looks at the mailbox at every syscall entry (its preemption point) and the session runs the
// request there, as a scheduler would run the foreground shell between a background job's time slices.
import { parentPort, workerData } from "node:worker_threads";
import { GuestSession, Mailbox, REQUEST_COMPLETE, REQUEST_MONITOR, REQUEST_REGISTER, type DriverChoice } from "@rng/lab";

interface Init {
  machineArgs: string[];
  driver: DriverChoice;
  profile: string | undefined;
  /** Int32Array over a SharedArrayBuffer: [0] is set to 1 while Ctrl-C is pending. */
  signals: SharedArrayBuffer;
  mailbox: SharedArrayBuffer;
}

const init = workerData as Init;
const port = parentPort;
if (!port) throw new Error("shell-worker must run in a worker thread");
const flags = new Int32Array(init.signals);
const mailbox = new Mailbox(init.mailbox);

const session = new GuestSession({
  machineArgs: init.machineArgs,
  driver: init.driver,
  profile: init.profile,
  output: (stream, text) => port.postMessage({ type: "out", stream, text }),
  jobEnded: (text) => port.postMessage({ type: "job", text }),
  interruptPending: () => Atomics.load(flags, 0) !== 0,
  poll: () => takeRequest(true),
  defer: (fn) => setImmediate(fn),
});

function takeRequest(atHook: boolean): void {
  const req = mailbox.take();
  if (!req) return;
  const kind = req.kind === REQUEST_COMPLETE ? "complete" : req.kind === REQUEST_MONITOR ? "monitor" : req.kind === REQUEST_REGISTER ? "register" : "line";
  const r = session.request(kind, req.text, atHook);
  if (kind === "complete") {
    port!.postMessage({ type: "completion", result: r.completion });
    return;
  }
  if (r.output) port!.postMessage({ type: "out", stream: "stdout", text: r.output });
  // The Ctrl-C was for this command: a background job resuming after it must not see it.
  if (kind === "line") Atomics.store(flags, 0, 0);
  port!.postMessage({ type: "done", status: r.status, exited: kind === "line" && session.exited, cwd: session.cwd });
}

port.on("message", (msg: { type: string }) => {
  if (msg.type === "poke") takeRequest(false);
});
port.postMessage({ type: "ready", cwd: session.cwd });
