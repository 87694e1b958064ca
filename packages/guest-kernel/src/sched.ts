import type { Kernel } from "./kernel.js";

/** struct mutex: the owner task, and what waits for it. */
export class Mutex {
  owner: unknown = undefined;
  readonly waiters: (() => void)[] = [];
}

/** Thrown by mutexLock when another task holds the mutex: the scheduler parks the caller on it. */
export class WouldBlock extends Error {
  constructor(readonly mutex: Mutex) {
    super("would block");
  }
}

/**
 * A deterministic interleaving scheduler for tests: at a preemption point inside one task's syscall,
 * another task's syscall can run. If that task then needs a mutex the first holds, it is parked and runs
 * again, from its start, when the mutex is released: a task blocked in mutex_lock has done nothing yet.
 */
export function runPreempting(k: Kernel, task: () => void): void {
  const saved = k.saveContext();
  try {
    task();
  } catch (e) {
    if (!(e instanceof WouldBlock)) throw e;
    e.mutex.waiters.push(task);
  } finally {
    k.restoreContext(saved);
  }
}
