export { UsageError } from "./errors.js";
export { DEFAULT_MACHINE_ARGS, machineArgsOrDefault, splitMachineArgs, type SplitArgs } from "./machine-args.js";
export { selectProfile } from "./profile.js";
export { bootGuest, type DriverChoice, type Guest, type GuestConsole } from "./compose.js";
export { Mailbox, REQUEST_CANCEL, REQUEST_COMPLETE, REQUEST_LINE, REQUEST_MODE, REQUEST_MONITOR, REQUEST_REGISTER } from "./mailbox.js";
export { MONITOR_HELP, runMonitorCommand, xp } from "./monitor.js";
export { complete, prompt } from "./completion.js";
export { GuestSession, splitBackground, type RequestResult, type SessionEvent, type SessionEventKind, type SessionOptions } from "./session.js";
export {
  CATEGORY_COLOURS, DesignUnavailable, RNGLAB_VERSION, STUDENTS_REFERENCE, SWEEP_SIZES, defaultMachineFor, htmlChart, planRuns, runDesign, svgChart,
  type BenchReport, type BenchResult, type PlannedRun,
} from "./bench.js";
export { LADDER_TCG_REFERENCE, LADDER_TCG_SOURCE, ladderReference, type LadderReferencePoint } from "./ladder-reference.js";
export { outputBitsStream } from "./quality-stream.js";
export { functionViews, machineView, type AddressRange, type BarView, type FunctionView, type MachineView, type MyRngView } from "./snapshot.js";
