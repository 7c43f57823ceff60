------------------------------ MODULE PollBits ------------------------------
(***************************************************************************)
(* The poll and epoll event bits by name, with their values: the uapi     *)
(* headers include/uapi/asm-generic/poll.h and include/uapi/linux/        *)
(* eventpoll.h (on x86_64 the POLL* and EPOLL* event bits agree). The     *)
(* Java home of the same table is kpath.uapi.Mask; UapiSpecTest keeps the *)
(* two equal. Specs work with sets of names; SumBits gives the mask a     *)
(* trace shows.                                                           *)
(***************************************************************************)
EXTENDS Integers

BitValue == [IN |-> 1, PRI |-> 2, OUT |-> 4, ERR |-> 8, HUP |-> 16, NVAL |-> 32,
             RDNORM |-> 64, RDBAND |-> 128, WRNORM |-> 256, WRBAND |-> 512,
             MSG |-> 1024, RDHUP |-> 8192]

RECURSIVE SumBits(_)
\* The mask of a set of bit names.
SumBits(names) ==
    IF names = {} THEN 0
    ELSE LET b == CHOOSE x \in names : TRUE IN BitValue[b] + SumBits(names \ {b})
=============================================================================
