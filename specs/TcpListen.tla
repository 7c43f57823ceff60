----------------------------- MODULE TcpListen -----------------------------
(***************************************************************************)
(* The passive open of a Linux TCP socket: listen(), the SYN (request)     *)
(* queue, the accept queue, accept(), close(), as Linux 6.18 implements    *)
(* them (net/ipv4/tcp_input.c, tcp_minisocks.c, inet_connection_sock.c,    *)
(* syncookies.c; net/socket.c).  Variable and action names are those of    *)
(* the Java model kpath.model.tcp.TcpListen; each sub-action is a rule     *)
(* name of kpath.model.tcp.TcpRule.                                        *)
(*                                                                         *)
(* Modelling simplifications:                                              *)
(*  - one task operates the listener; while it sleeps in accept only the   *)
(*    peers and the kernel act (close() during accept is not modelled);    *)
(*  - no TCP Fast Open, TCP_DEFER_ACCEPT, SO_REUSEPORT, TCP_SYNCNT, IPv6;  *)
(*  - a peer is "proven" never (tcp_peer_is_proven is false);              *)
(*  - tcp_synq_overflow never ages out (it does after two minutes);        *)
(*  - duplicate SYNs for an existing request and RSTs for unknown peers    *)
(*    are not modelled.                                                    *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets, PollBits, TcpPollMask, InetCskAccept

CONSTANTS
    Clients,               \* the peers' names
    Backlogs,              \* the backlogs the program may pass to listen()
    SysctlChoices,         \* the sysctl records a run may start with
    SynQueueFullAtBacklog  \* kernel profile: TRUE before 3479c7549fb1 (qlen >= backlog)

ASSUME ClientsAreNames == Clients \subseteq STRING
ASSUME BacklogsAreInts == Backlogs \subseteq Int
ASSUME ProfileIsBoolean == SynQueueFullAtBacklog \in BOOLEAN

VARIABLES
    sysctl,          \* the namespace's sysctls, constant within a run
    skState,         \* sk->sk_state of the listener: "TCP_CLOSE" or "TCP_LISTEN"
    fdClosed,        \* the program closed the listener fd
    skMaxAckBacklog, \* sk->sk_max_ack_backlog, the backlog after the somaxconn clamp
    oNonblock,       \* O_NONBLOCK on the listener's file
    acceptBlocked,   \* the program's task sleeps in accept
    synQueue,        \* request socks: [client, numTimeout, acked]
    cookie,          \* peers sent a SYN cookie; no state kept for them
    acceptQueue,     \* children waiting for accept, oldest first
    accepted,        \* peers whose child accept() returned
    synSent,         \* peers whose SYN has not arrived yet
    dropped,         \* peers whose SYN was dropped or whose request expired
    reset,           \* peers whose connection ended in a RST
    client,          \* each peer's own view of its connection
    counters,        \* TcpExt counters since the start
    synqOverflow,    \* tcp_synq_overflow stamped: ACKs without a request are checked as cookies
    ret,             \* the last step's syscall result, "-" for other steps
    tx               \* segments the last step sent to peers

vars == <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked,
          synQueue, cookie, acceptQueue, accepted, synSent, dropped, reset,
          client, counters, synqOverflow, ret, tx>>

ZeroCounters == [ListenOverflows |-> 0, ListenDrops |-> 0, TCPReqQFullDrop |-> 0,
                 TCPReqQFullDoCookies |-> 0, SyncookiesSent |-> 0, SyncookiesRecv |-> 0,
                 SyncookiesFailed |-> 0, EmbryonicRsts |-> 0]

ClientStates == {"IDLE", "SYN_SENT", "ESTABLISHED", "RESET", "CLOSED"}

TypeOK ==
    /\ sysctl \in SysctlChoices
    /\ skState \in {"TCP_CLOSE", "TCP_LISTEN"}
    /\ fdClosed \in BOOLEAN /\ oNonblock \in BOOLEAN /\ acceptBlocked \in BOOLEAN
    /\ skMaxAckBacklog \in Nat
    /\ \A r \in synQueue : r.client \in Clients /\ r.numTimeout \in Nat /\ r.acked \in BOOLEAN
    /\ cookie \subseteq Clients /\ accepted \subseteq Clients /\ synSent \subseteq Clients
    /\ dropped \subseteq Clients /\ reset \subseteq Clients
    /\ acceptQueue \in Seq(Clients)
    /\ client \in [Clients -> ClientStates]
    /\ DOMAIN counters = DOMAIN ZeroCounters
    /\ synqOverflow \in BOOLEAN

-----------------------------------------------------------------------------
(* Shared predicates                                                        *)

Max(a, b) == IF a > b THEN a ELSE b

\* kernel: net/socket.c __sys_listen_socket, (unsigned)backlog > somaxconn
Clamp(b, m) == IF b < 0 \/ b > m THEN m ELSE b

\* kernel: include/net/sock.h sk_acceptq_is_full, '>' (backlog N holds N+1)
AcceptQueueFull == Len(acceptQueue) > skMaxAckBacklog

\* kernel: include/net/inet_connection_sock.h inet_csk_reqsk_queue_is_full
SynQueueFull == IF SynQueueFullAtBacklog THEN Cardinality(synQueue) >= skMaxAckBacklog
                                         ELSE Cardinality(synQueue) > skMaxAckBacklog

Listening == skState = "TCP_LISTEN"
HasReq(c) == \E r \in synQueue : r.client = c
Req(c) == CHOOSE r \in synQueue : r.client = c
InQueue(c) == \E i \in 1..Len(acceptQueue) : acceptQueue[i] = c
Young == Cardinality({r \in synQueue : r.numTimeout = 0})

Seg(f, c) == [flags |-> f, client |-> c]

\* kernel: inet_connection_sock.c reqsk_timer_handler, fewer retries for old requests
RECURSIVE Lower(_, _, _)
Lower(maxR, young, qlen) == IF maxR > 2 /\ ~(qlen < young)
                            THEN Lower(maxR - 1, young * 2, qlen) ELSE maxR
MaxSynAckRetries ==
    IF 2 * Cardinality(synQueue) > Max(8, skMaxAckBacklog)
    THEN Lower(sysctl.tcpSynackRetries, 2 * Young, Cardinality(synQueue))
    ELSE sysctl.tcpSynackRetries

\* What poll reports for the listener fd (TcpPollMask.tla): inet_csk_listen_poll for a
\* listener, tcp_poll's EPOLLOUT|EPOLLWRNORM|EPOLLHUP for a never-connected socket in
\* TCP_CLOSE, POLLNVAL once the fd is closed (fs/select.c do_pollfd).
PollMask == IF fdClosed THEN SumBits({"NVAL"})
            ELSE IF Listening THEN SumBits(TcpListenerPoll(acceptQueue = <<>>))
            ELSE SumBits(TcpSocketPoll(TRUE, 0, 0, FALSE))

\* What a trace's observe lines read (Java: TcpListen.observables, same fields): TCP_INFO
\* (net/ipv4/tcp.c tcp_get_info: a listener's tcpi_unacked is sk_ack_backlog, tcpi_sacked
\* sk_max_ack_backlog), the SYN_RECV request socks, poll, the TcpExt counters, each peer's view.
Observables ==
    [tcpInfoState |-> IF Listening THEN "LISTEN" ELSE "CLOSE",
     unacked |-> Len(acceptQueue),
     sacked |-> skMaxAckBacklog,
     synrecv |-> Cardinality(synQueue),
     poll |-> PollMask,
     netstat |-> counters,
     client |-> client]

-----------------------------------------------------------------------------
Init ==
    /\ sysctl \in SysctlChoices
    /\ skState = "TCP_CLOSE"
    /\ fdClosed = FALSE
    /\ skMaxAckBacklog = 0
    /\ oNonblock = FALSE
    /\ acceptBlocked = FALSE
    /\ synQueue = {}
    /\ cookie = {}
    /\ acceptQueue = <<>>
    /\ accepted = {}
    /\ synSent = {}
    /\ dropped = {}
    /\ reset = {}
    /\ client = [c \in Clients |-> "IDLE"]
    /\ counters = ZeroCounters
    /\ synqOverflow = FALSE
    /\ ret = "-"
    /\ tx = <<>>

-----------------------------------------------------------------------------
(* Syscalls                                                                 *)

\* A syscall that only returns an errno.
Fails(e) == /\ ret' = e /\ tx' = <<>>
            /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked,
                           synQueue, cookie, acceptQueue, accepted, synSent, dropped, reset,
                           client, counters, synqOverflow>>

\* kernel: net/socket.c __sys_listen_socket; net/ipv4/af_inet.c __inet_listen_sk
ListenOk(b) ==
    /\ ~acceptBlocked /\ ~fdClosed
    /\ skMaxAckBacklog' = Clamp(b, sysctl.somaxconn)
    /\ skState' = "TCP_LISTEN"
    /\ ret' = "0" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, fdClosed, oNonblock, acceptBlocked, synQueue, cookie, acceptQueue,
                   accepted, synSent, dropped, reset, client, counters, synqOverflow>>

ListenEbadf(b) == ~acceptBlocked /\ fdClosed /\ Fails("EBADF")

Listen(b) == ListenOk(b) \/ ListenEbadf(b)

FcntlSetfl(nb) ==
    /\ ~acceptBlocked /\ ~fdClosed
    /\ oNonblock' = nb
    /\ ret' = "0" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, acceptBlocked, synQueue, cookie,
                   acceptQueue, accepted, synSent, dropped, reset, client, counters, synqOverflow>>

FcntlEbadf(nb) == ~acceptBlocked /\ fdClosed /\ Fails("EBADF")

Fcntl(nb) == FcntlSetfl(nb) \/ FcntlEbadf(nb)

\* kernel: net/ipv4/inet_connection_sock.c inet_csk_accept (its checks: InetCskAccept.tla);
\* SOCK_NONBLOCK only marks the new fd
AcceptChecks == AcceptCheck(~fdClosed, Listening, acceptQueue = <<>>, oNonblock)
AcceptEbadf(f) == ~acceptBlocked /\ AcceptChecks = "EBADF" /\ Fails("EBADF")
AcceptEinval(f) == ~acceptBlocked /\ AcceptChecks = "EINVAL" /\ Fails("EINVAL")
AcceptEagain(f) == ~acceptBlocked /\ AcceptChecks = "EAGAIN" /\ Fails("EAGAIN")

AcceptBlock(f) ==
    /\ ~acceptBlocked /\ AcceptChecks = "BLOCK"
    /\ acceptBlocked' = TRUE
    /\ ret' = "BLOCKED" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, synQueue, cookie,
                   acceptQueue, accepted, synSent, dropped, reset, client, counters, synqOverflow>>

\* FIFO: include/net/request_sock.h reqsk_queue_remove
AcceptDequeue(f) ==
    /\ ~acceptBlocked /\ AcceptChecks = "DEQUEUE"
    /\ acceptQueue' = Tail(acceptQueue)
    /\ accepted' = accepted \cup {Head(acceptQueue)}
    /\ ret' = Head(acceptQueue) /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                   cookie, synSent, dropped, reset, client, counters, synqOverflow>>

Accept4(f) == AcceptEbadf(f) \/ AcceptEinval(f) \/ AcceptEagain(f) \/ AcceptBlock(f) \/ AcceptDequeue(f)

\* kernel: net/ipv4/inet_connection_sock.c inet_csk_listen_stop: queued children reset their peers
CloseListener ==
    /\ ~acceptBlocked /\ ~fdClosed
    /\ LET live == SelectSeq(acceptQueue, LAMBDA x : client[x] = "ESTABLISHED")
       IN  /\ tx' = [i \in 1..Len(live) |-> Seg("R", live[i])]
           /\ client' = [x \in DOMAIN client |->
                           IF InQueue(x) /\ client[x] = "ESTABLISHED" THEN "RESET" ELSE client[x]]
    /\ reset' = reset \cup {acceptQueue[i] : i \in 1..Len(acceptQueue)}
    /\ acceptQueue' = <<>>
    /\ fdClosed' = TRUE /\ skState' = "TCP_CLOSE"
    /\ ret' = "0"
    /\ UNCHANGED <<sysctl, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue, cookie,
                   accepted, synSent, dropped, counters, synqOverflow>>

CloseEbadf == ~acceptBlocked /\ fdClosed /\ Fails("EBADF")

Close == CloseListener \/ CloseEbadf

\* kernel: net/ipv4/af_inet.c __inet_stream_connect, non-blocking: EINPROGRESS
ConnectInProgress(c) ==
    /\ client[c] = "IDLE"
    /\ client' = [client EXCEPT ![c] = "SYN_SENT"]
    /\ synSent' = synSent \cup {c}
    /\ ret' = "EINPROGRESS" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                   cookie, acceptQueue, accepted, dropped, reset, counters, synqOverflow>>

Connect(c) == ConnectInProgress(c)

-----------------------------------------------------------------------------
(* Segments from peers                                                      *)

\* A SYN is processed only when the listener keeps nothing for its peer.
SynGuard(c) ==
    /\ client[c] \in {"IDLE", "SYN_SENT"}
    /\ c \notin reset /\ ~HasReq(c) /\ c \notin cookie /\ ~InQueue(c) /\ c \notin accepted

\* kernel: tcp_conn_request (a): syncookies == 2 || inet_csk_reqsk_queue_is_full → tcp_syn_flood_action
FloodAction == sysctl.tcpSyncookies = 2 \/ SynQueueFull
WantCookie == FloodAction /\ sysctl.tcpSyncookies # 0
FloodCounted == IF WantCookie THEN [counters EXCEPT !.TCPReqQFullDoCookies = @ + 1] ELSE counters
\* kernel: tcp_conn_request (d), the syncookies=0 last-quarter rule (peer not proven)
LastQuarter == /\ sysctl.tcpSyncookies = 0
               /\ sysctl.tcpMaxSynBacklog - Cardinality(synQueue) < sysctl.tcpMaxSynBacklog \div 4

\* The peer's SYN is dropped: it stays in SYN_SENT and may retransmit.
SynDropped(c, ctrs) ==
    /\ counters' = ctrs
    /\ synSent' = synSent \ {c} /\ dropped' = dropped \cup {c}
    /\ client' = [client EXCEPT ![c] = "SYN_SENT"]
    /\ ret' = "-" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                   cookie, acceptQueue, accepted, reset, synqOverflow>>

\* kernel: net/ipv4/tcp_ipv4.c tcp_v4_rcv no_tcp_socket → tcp_v4_send_reset
SynRefused(c) ==
    /\ SynGuard(c) /\ ~Listening
    /\ synSent' = synSent \ {c} /\ dropped' = dropped \ {c} /\ reset' = reset \cup {c}
    /\ client' = [client EXCEPT ![c] = "RESET"]
    /\ ret' = "-" /\ tx' = <<Seg("R", c)>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                   cookie, acceptQueue, accepted, counters, synqOverflow>>

\* kernel: tcp_syn_flood_action without syncookies → TCPREQQFULLDROP; drop → tcp_listendrop
SynQueueFullDrop(c) ==
    /\ SynGuard(c) /\ Listening /\ FloodAction /\ sysctl.tcpSyncookies = 0
    /\ SynDropped(c, [counters EXCEPT !.TCPReqQFullDrop = @ + 1, !.ListenDrops = @ + 1])

\* kernel: tcp_conn_request (b) sk_acceptq_is_full → LISTENOVERFLOWS; drop → tcp_listendrop
SynAcceptQueueFullDrop(c) ==
    /\ SynGuard(c) /\ Listening /\ ~(FloodAction /\ sysctl.tcpSyncookies = 0) /\ AcceptQueueFull
    /\ SynDropped(c, [FloodCounted EXCEPT !.ListenOverflows = @ + 1, !.ListenDrops = @ + 1])

SynMaxSynBacklogDrop(c) ==
    /\ SynGuard(c) /\ Listening /\ ~FloodAction /\ ~AcceptQueueFull /\ LastQuarter
    /\ SynDropped(c, [counters EXCEPT !.ListenDrops = @ + 1])

\* kernel: include/net/tcp.h cookie_init_sequence → SYNCOOKIESSENT, tcp_synq_overflow; req freed
SynCookieSent(c) ==
    /\ SynGuard(c) /\ Listening /\ WantCookie /\ ~AcceptQueueFull
    /\ counters' = [counters EXCEPT !.TCPReqQFullDoCookies = @ + 1, !.SyncookiesSent = @ + 1]
    /\ synqOverflow' = TRUE
    /\ cookie' = cookie \cup {c}
    /\ synSent' = synSent \ {c} /\ dropped' = dropped \ {c}
    /\ client' = [client EXCEPT ![c] = "ESTABLISHED"]
    /\ ret' = "-" /\ tx' = <<Seg("S.", c)>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                   acceptQueue, accepted, reset>>

\* kernel: inet_csk_reqsk_queue_hash_add → reqsk_queue_added; tcp_v4_send_synack
SynQueueAdd(c) ==
    /\ SynGuard(c) /\ Listening /\ ~FloodAction /\ ~AcceptQueueFull /\ ~LastQuarter
    /\ synQueue' = synQueue \cup {[client |-> c, numTimeout |-> 0, acked |-> FALSE]}
    /\ synSent' = synSent \ {c} /\ dropped' = dropped \ {c}
    /\ client' = [client EXCEPT ![c] = "ESTABLISHED"]
    /\ ret' = "-" /\ tx' = <<Seg("S.", c)>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, cookie,
                   acceptQueue, accepted, reset, counters, synqOverflow>>

SynArrives(c) ==
    \/ SynRefused(c) \/ SynQueueFullDrop(c) \/ SynAcceptQueueFullDrop(c)
    \/ SynMaxSynBacklogDrop(c) \/ SynCookieSent(c) \/ SynQueueAdd(c)

AckGuard(c) == client[c] = "ESTABLISHED" /\ (HasReq(c) \/ c \in cookie \/ c \in dropped)

\* The peer is reset: whatever the listener kept for it goes.
ResetPeer(c, ctrs) ==
    /\ synQueue' = {r \in synQueue : r.client # c}
    /\ cookie' = cookie \ {c} /\ dropped' = dropped \ {c} /\ reset' = reset \cup {c}
    /\ client' = [client EXCEPT ![c] = "RESET"]
    /\ counters' = ctrs
    /\ ret' = "-" /\ tx' = <<Seg("R", c)>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked,
                   acceptQueue, accepted, synSent, synqOverflow>>

\* kernel: tcp_v4_rcv NEW_SYN_RECV with the listener gone → no socket → RST
AckNoListenerReset(c) == AckGuard(c) /\ ~Listening /\ ResetPeer(c, counters)

\* kernel: tcp_check_req listen_overflow, !tcp_abort_on_overflow: acked = 1, ACK dropped
AckAcceptQueueFullDrop(c) ==
    /\ AckGuard(c) /\ Listening /\ HasReq(c) /\ AcceptQueueFull /\ sysctl.tcpAbortOnOverflow = 0
    /\ synQueue' = (synQueue \ {Req(c)}) \cup {[Req(c) EXCEPT !.acked = TRUE]}
    /\ counters' = [counters EXCEPT !.ListenOverflows = @ + 1, !.ListenDrops = @ + 1]
    /\ ret' = "-" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, cookie,
                   acceptQueue, accepted, synSent, dropped, reset, client, synqOverflow>>

\* kernel: tcp_check_req embryonic_reset: send_reset, inet_csk_reqsk_queue_drop → EMBRYONICRSTS
AckAcceptQueueFullReset(c) ==
    /\ AckGuard(c) /\ Listening /\ HasReq(c) /\ AcceptQueueFull /\ sysctl.tcpAbortOnOverflow = 1
    /\ ResetPeer(c, [counters EXCEPT !.ListenOverflows = @ + 1, !.ListenDrops = @ + 1,
                                     !.EmbryonicRsts = @ + 1])

\* kernel: tcp_v4_syn_recv_sock → inet_csk_complete_hashdance → inet_csk_reqsk_queue_add
AckToAcceptQueue(c) ==
    /\ AckGuard(c) /\ Listening /\ HasReq(c) /\ ~AcceptQueueFull
    /\ synQueue' = synQueue \ {Req(c)}
    /\ acceptQueue' = Append(acceptQueue, c)
    /\ ret' = "-" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, cookie,
                   accepted, synSent, dropped, reset, client, counters, synqOverflow>>

\* kernel: syncookies.c cookie_v4_check → SYNCOOKIESRECV; tcp_get_cookie_sock finds the queue full
CookieAckAcceptQueueFullDrop(c) ==
    /\ AckGuard(c) /\ Listening /\ ~HasReq(c) /\ c \in cookie /\ AcceptQueueFull
    /\ counters' = [counters EXCEPT !.SyncookiesRecv = @ + 1, !.ListenOverflows = @ + 1,
                                    !.ListenDrops = @ + 1]
    /\ ret' = "-" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                   cookie, acceptQueue, accepted, synSent, dropped, reset, client, synqOverflow>>

CookieAckToAcceptQueue(c) ==
    /\ AckGuard(c) /\ Listening /\ ~HasReq(c) /\ c \in cookie /\ ~AcceptQueueFull
    /\ counters' = [counters EXCEPT !.SyncookiesRecv = @ + 1]
    /\ cookie' = cookie \ {c}
    /\ acceptQueue' = Append(acceptQueue, c)
    /\ ret' = "-" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                   accepted, synSent, dropped, reset, client, synqOverflow>>

\* kernel: cookie_v4_check after a recent overflow: not a cookie → SYNCOOKIESFAILED, discarded
CookieAckInvalid(c) ==
    /\ AckGuard(c) /\ Listening /\ ~HasReq(c) /\ c \notin cookie
    /\ sysctl.tcpSyncookies # 0 /\ synqOverflow
    /\ counters' = [counters EXCEPT !.SyncookiesFailed = @ + 1]
    /\ ret' = "-" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                   cookie, acceptQueue, accepted, synSent, dropped, reset, client, synqOverflow>>

\* kernel: tcp_rcv_state_process TCP_LISTEN with ACK → tcp_v4_do_rcv reset
AckNoRequestReset(c) ==
    /\ AckGuard(c) /\ Listening /\ ~HasReq(c) /\ c \notin cookie
    /\ ~(sysctl.tcpSyncookies # 0 /\ synqOverflow)
    /\ ResetPeer(c, counters)

AckArrives(c) ==
    \/ AckNoListenerReset(c) \/ AckAcceptQueueFullDrop(c) \/ AckAcceptQueueFullReset(c)
    \/ AckToAcceptQueue(c) \/ CookieAckAcceptQueueFullDrop(c) \/ CookieAckToAcceptQueue(c)
    \/ CookieAckInvalid(c) \/ AckNoRequestReset(c)

\* kernel: tcp_check_req embryonic_reset on a RST: no reply, inet_csk_reqsk_queue_drop → EMBRYONICRSTS
RstDropsRequest(c) ==
    /\ client[c] = "ESTABLISHED" /\ HasReq(c)
    /\ client' = [client EXCEPT ![c] = "CLOSED"]
    /\ synQueue' = synQueue \ {Req(c)}
    /\ reset' = reset \cup {c}
    /\ counters' = [counters EXCEPT !.EmbryonicRsts = @ + 1]
    /\ ret' = "-" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, cookie,
                   acceptQueue, accepted, synSent, dropped, synqOverflow>>

\* The child stays queued and accept() still returns it (catalog tcp A8)
RstQueuedChild(c) ==
    /\ client[c] = "ESTABLISHED" /\ ~HasReq(c) /\ InQueue(c)
    /\ client' = [client EXCEPT ![c] = "CLOSED"]
    /\ ret' = "-" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                   cookie, acceptQueue, accepted, synSent, dropped, reset, counters, synqOverflow>>

RstArrives(c) == RstDropsRequest(c) \/ RstQueuedChild(c)

-----------------------------------------------------------------------------
(* Kernel steps                                                             *)

\* The request leaves silently; its peer keeps whatever view it had.
ReqGone(c) ==
    /\ synQueue' = synQueue \ {Req(c)}
    /\ dropped' = dropped \cup {c}
    /\ ret' = "-" /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, cookie,
                   acceptQueue, accepted, synSent, reset, client, counters, synqOverflow>>

\* kernel: reqsk_timer_handler, listener no longer LISTEN → drop
SynAckTimerListenerGone(c) == HasReq(c) /\ ~Listening /\ ReqGone(c)

\* kernel: reqsk_timer_handler / syn_ack_recalc: num_timeout >= max_retries → expire
SynAckExpire(c) == HasReq(c) /\ Listening /\ Req(c).numTimeout >= MaxSynAckRetries /\ ReqGone(c)

\* kernel: reqsk_timer_handler → inet_rtx_syn_ack; num_timeout++
SynAckRetransmit(c) ==
    /\ HasReq(c) /\ Listening /\ Req(c).numTimeout < MaxSynAckRetries
    /\ synQueue' = (synQueue \ {Req(c)}) \cup {[Req(c) EXCEPT !.numTimeout = @ + 1]}
    /\ ret' = "-" /\ tx' = <<Seg("S.", c)>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, cookie,
                   acceptQueue, accepted, synSent, dropped, reset, client, counters, synqOverflow>>

SynAckTimer(c) == SynAckTimerListenerGone(c) \/ SynAckExpire(c) \/ SynAckRetransmit(c)

\* kernel: inet_csk_wait_for_connect woken by sk_data_ready, then inet_csk_accept dequeues
AcceptWakeupDequeue ==
    /\ acceptBlocked /\ acceptQueue # <<>>
    /\ acceptBlocked' = FALSE
    /\ acceptQueue' = Tail(acceptQueue)
    /\ accepted' = accepted \cup {Head(acceptQueue)}
    /\ ret' = Head(acceptQueue) /\ tx' = <<>>
    /\ UNCHANGED <<sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, synQueue, cookie,
                   synSent, dropped, reset, client, counters, synqOverflow>>

AcceptWakeup == AcceptWakeupDequeue

-----------------------------------------------------------------------------
Syscall ==
    \/ \E b \in Backlogs : Listen(b)
    \/ \E nb \in BOOLEAN : Fcntl(nb)
    \/ \E f \in {"0", "SOCK_NONBLOCK"} : Accept4(f)
    \/ Close
    \/ \E c \in Clients : Connect(c)

Network == \E c \in Clients : SynArrives(c) \/ AckArrives(c) \/ RstArrives(c)

Kernel == AcceptWakeup \/ \E c \in Clients : SynAckTimer(c)

Next == Syscall \/ Network \/ Kernel

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants                                                               *)

\* The largest backlog any listen() of this run can set.
MaxBacklog == LET bs == {Clamp(b, sysctl.somaxconn) : b \in Backlogs}
              IN  CHOOSE m \in bs : \A x \in bs : x <= m

Places(c) == (IF c \in synSent THEN 1 ELSE 0) + (IF HasReq(c) THEN 1 ELSE 0)
           + (IF c \in cookie THEN 1 ELSE 0) + (IF InQueue(c) THEN 1 ELSE 0)
           + (IF c \in accepted THEN 1 ELSE 0) + (IF c \in dropped THEN 1 ELSE 0)
           + (IF c \in reset THEN 1 ELSE 0)

\* Every attempt is in exactly one place; an idle peer is in none; a peer has at most one request.
ConnectionInExactlyOnePlace ==
    \A c \in Clients :
        /\ Places(c) = (IF client[c] = "IDLE" THEN 0 ELSE 1)
        /\ Cardinality({r \in synQueue : r.client = c}) <= 1
        /\ Cardinality({i \in 1..Len(acceptQueue) : acceptQueue[i] = c}) <= 1

\* A backlog of N holds N+1 children, never more (sk_acceptq_is_full uses '>').
AcceptQueueWithinBacklog == Len(acceptQueue) <= MaxBacklog + 1

\* The SYN queue admits while qlen <= backlog (or < backlog before the 2025 fix).
SynQueueWithinBacklog == Cardinality(synQueue) <= MaxBacklog + 1

\* tcp_listendrop counts every listener drop, so ListenDrops >= ListenOverflows.
ListenDropsCoverOverflows == counters.ListenDrops >= counters.ListenOverflows

=============================================================================
