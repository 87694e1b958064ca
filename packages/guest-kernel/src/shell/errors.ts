// Control-flow signals of the interpreter (thrown and caught inside the shell only).

/** An error already reported; unwinds to the enclosing (sub)shell, which exits with `status`. */
export class ShellError extends Error {
  constructor(readonly status: number) { super(`shell error ${status}`); }
}
/** `exit N` (or set -e): leaves the (sub)shell. */
export class ExitSignal extends Error {
  constructor(readonly status: number) { super(`exit ${status}`); }
}
/** `break N` / `continue N`. */
export class LoopSignal extends Error {
  constructor(readonly kind: "break" | "continue", public levels: number) { super(kind); }
}
/** `return N` from a function (or, at top level, from the script). */
export class ReturnSignal extends Error {
  constructor(readonly status: number) { super("return"); }
}
