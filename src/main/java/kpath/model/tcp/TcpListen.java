package kpath.model.tcp;

import kpath.model.sock.InetCskAccept;

import kpath.uapi.Counter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kpath.uapi.Errno;
import kpath.model.Model;
import kpath.model.Transition;
import kpath.model.tcp.ListenState.Builder;
import kpath.model.tcp.ListenState.SkState;
import kpath.model.tcp.TcpAction.AckArrives;
import kpath.model.tcp.TcpAction.Accept4;
import kpath.model.tcp.TcpAction.AcceptWakeup;
import kpath.model.tcp.TcpAction.Close;
import kpath.model.tcp.TcpAction.Connect;
import kpath.model.tcp.TcpAction.Fcntl;
import kpath.model.tcp.TcpAction.Listen;
import kpath.model.tcp.TcpAction.RstArrives;
import kpath.model.tcp.TcpAction.SynAckTimer;
import kpath.model.tcp.TcpAction.SynArrives;

import static kpath.model.tcp.TcpRule.*;

/**
 * The passive open of a Linux TCP socket: listen(), the SYN queue, the accept queue, accept(),
 * close(), as Linux 6.18 implements them. Every rule cites the kernel function it encodes.
 *
 * <p>One task operates the listener; while it sleeps in accept only peers and the kernel act.
 * Peers are either local clients (connect) or remote ones whose SYN simply arrives.
 *
 * <p>Not modelled: TCP Fast Open, TCP_DEFER_ACCEPT, SO_REUSEPORT migration, IPv6, duplicate SYNs
 * for an existing request (tcp_check_req's retransmitted-SYN path), a RST from a peer the listener
 * keeps no state for (tcp_rcv_state_process discards it), and close() while a task sleeps in accept.
 */
public final class TcpListen implements Model<ListenState, TcpAction> {

    private final TcpBounds bounds;

    public TcpListen(TcpBounds bounds) {
        this.bounds = bounds;
    }

    public TcpBounds bounds() {
        return bounds;
    }

    @Override
    public Set<ListenState> initialStates() {
        return bounds.sysctlChoices().stream()
                .map(s -> ListenState.initial(s, bounds.clients()))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<TcpAction> actions(ListenState s) {
        List<TcpAction> as = new ArrayList<>();
        for (int b : bounds.backlogs()) {
            as.add(new Listen(b));
        }
        as.add(new Fcntl(true));
        as.add(new Fcntl(false));
        as.add(new Accept4(false));
        as.add(new Accept4(true));
        as.add(new Close());
        as.add(new AcceptWakeup());
        for (String c : bounds.clients()) {
            as.add(new Connect(c));
            as.add(new SynArrives(c));
            as.add(new AckArrives(c));
            as.add(new RstArrives(c));
            as.add(new SynAckTimer(c));
        }
        return as;
    }

    @Override
    public List<Transition<ListenState>> successors(ListenState s, TcpAction a) {
        if (a instanceof TcpAction.Network n && !s.client().containsKey(n.client())) {
            return List.of();
        }
        return switch (a) {
            case Listen l -> listen(s, l.backlog());
            case Fcntl f -> fcntl(s, f.nonblock());
            case Accept4 x -> accept4(s);
            case Close x -> close(s);
            case Connect c -> connect(s, c.client());
            case SynArrives x -> synArrives(s, x.client());
            case AckArrives x -> ackArrives(s, x.client());
            case RstArrives x -> rstArrives(s, x.client());
            case SynAckTimer x -> synAckTimer(s, x.client());
            case AcceptWakeup x -> acceptWakeup(s);
        };
    }

    // ---- predicates the rules share -------------------------------------------------------

    /** kernel: include/net/sock.h sk_acceptq_is_full — '>' so a backlog of N holds N+1 (commit 64a146513f8f). */
    static boolean acceptQueueFull(ListenState s) {
        return s.skAckBacklog() > s.skMaxAckBacklog();
    }

    /** kernel: include/net/inet_connection_sock.h inet_csk_reqsk_queue_is_full; '>=' before 3479c7549fb1. */
    boolean synQueueFull(ListenState s) {
        return bounds.profile().synQueueFullAtBacklog()
                ? s.reqskQueueLen() >= s.skMaxAckBacklog()
                : s.reqskQueueLen() > s.skMaxAckBacklog();
    }

    /** kernel: net/socket.c __sys_listen_socket — backlog compared as unsigned, so negative means "huge". */
    public static int clampBacklog(int backlog, int somaxconn) {
        return (int) Math.min(Integer.toUnsignedLong(backlog), Integer.toUnsignedLong(somaxconn));
    }

    /** A task may make a listener syscall only when it is not asleep in accept. */
    private static boolean taskRunnable(ListenState s) {
        return !s.acceptBlocked();
    }

    private static List<Transition<ListenState>> one(TcpRule rule, Builder b) {
        return List.of(new Transition<>(rule, b.build()));
    }

    private static Builder errno(ListenState s, Errno e) {
        Builder b = s.edit();
        b.ret = e.name();
        return b;
    }

    // ---- syscalls ----------------------------------------------------------------------------

    /** listen(2). Kernel: net/socket.c __sys_listen_socket; net/ipv4/af_inet.c __inet_listen_sk. */
    private static List<Transition<ListenState>> listen(ListenState s, int backlog) {
        if (!taskRunnable(s)) {
            return List.of();
        }
        if (s.fdClosed()) {
            return one(ListenEbadf, errno(s, Errno.EBADF)); // man: listen(2) ERRORS/EBADF
        }
        // Only TCP_CLOSE and TCP_LISTEN sockets reach here; re-listen keeps both queues and
        // only rewrites sk_max_ack_backlog (af_inet.c __inet_listen_sk; catalog tcp L4).
        Builder b = s.edit();
        b.skMaxAckBacklog = clampBacklog(backlog, s.sysctl().somaxconn());
        b.skState = SkState.TCP_LISTEN;
        b.ret = "0";
        return one(ListenOk, b);
    }

    /** fcntl(F_SETFL): sets or clears the listener's O_NONBLOCK. */
    private static List<Transition<ListenState>> fcntl(ListenState s, boolean nonblock) {
        if (!taskRunnable(s)) {
            return List.of();
        }
        if (s.fdClosed()) {
            return one(FcntlEbadf, errno(s, Errno.EBADF));
        }
        Builder b = s.edit();
        b.oNonblock = nonblock;
        b.ret = "0";
        return one(FcntlSetfl, b);
    }

    /**
     * accept4(2), checks then core. Kernel: net/ipv4/inet_connection_sock.c inet_csk_accept.
     * SOCK_NONBLOCK does not change whether the call blocks (catalog tcp A3), so it is not read here.
     */
    private static List<Transition<ListenState>> accept4(ListenState s) {
        if (!taskRunnable(s)) {
            return List.of();
        }
        return switch (InetCskAccept.check(!s.fdClosed(), s.skState() == SkState.TCP_LISTEN, s.acceptQueue().isEmpty(),
                s.oNonblock())) {
            case EBADF -> one(AcceptEbadf, errno(s, Errno.EBADF)); // man: accept(2) ERRORS/EBADF
            case EINVAL -> one(AcceptEinval, errno(s, Errno.EINVAL)); // catalog tcp A1
            case EAGAIN -> one(AcceptEagain, errno(s, Errno.EAGAIN)); // catalog tcp A2
            case BLOCK -> { // kernel: inet_csk_wait_for_connect; catalog tcp A3
                Builder b = s.edit();
                b.acceptBlocked = true;
                b.ret = "BLOCKED";
                yield one(AcceptBlock, b);
            }
            case DEQUEUE -> one(AcceptDequeue, dequeue(s));
        };
    }

    /** A sleeping accept is woken once a child is queued (inet_csk_wait_for_connect). */
    private static List<Transition<ListenState>> acceptWakeup(ListenState s) {
        if (!s.acceptBlocked() || s.acceptQueue().isEmpty()) {
            return List.of();
        }
        Builder b = dequeue(s);
        b.acceptBlocked = false;
        return one(AcceptWakeupDequeue, b);
    }

    /** FIFO: the oldest child (include/net/request_sock.h reqsk_queue_remove; catalog tcp A7, A8). */
    private static Builder dequeue(ListenState s) {
        String head = s.acceptQueue().getFirst();
        Builder b = s.edit();
        b.acceptQueue().removeFirst();
        b.accepted().add(head);
        b.ret = head;
        return b;
    }

    /**
     * close(2) of the listener. Kernel: net/ipv4/inet_connection_sock.c inet_csk_listen_stop —
     * every queued child is disconnected, which resets its peer (catalog tcp C1). Request socks
     * stay hashed until their timer or the peer's ACK finds the listener gone (catalog tcp C2).
     */
    private static List<Transition<ListenState>> close(ListenState s) {
        if (!taskRunnable(s)) {
            return List.of(); // not modelled: close() while a task sleeps in accept
        }
        if (s.fdClosed()) {
            return one(CloseEbadf, errno(s, Errno.EBADF));
        }
        Builder b = s.edit();
        b.fdClosed = true;
        b.skState = SkState.TCP_CLOSE;
        for (String c : s.acceptQueue()) {
            b.acceptQueue().remove(c);
            b.reset().add(c);
            if (s.client().get(c) == ClientState.ESTABLISHED) {
                b.client().put(c, ClientState.RESET);
                b.send(Segment.RST, c); // kernel: tcp_disconnect, tcp_need_reset(ESTABLISHED)
            }
        }
        b.ret = "0";
        return one(CloseListener, b);
    }

    /** A local client's non-blocking connect(2) sends its SYN and returns EINPROGRESS. */
    private static List<Transition<ListenState>> connect(ListenState s, String c) {
        if (s.client().get(c) != ClientState.IDLE) {
            return List.of();
        }
        Builder b = s.edit();
        b.client().put(c, ClientState.SYN_SENT);
        b.synSent().add(c);
        b.ret = Errno.EINPROGRESS.name(); // kernel: net/ipv4/af_inet.c __inet_stream_connect, !timeo
        return one(ConnectInProgress, b);
    }

    // ---- segments from peers -------------------------------------------------------------------

    /**
     * A SYN reaches the listener. Kernel: net/ipv4/tcp_input.c tcp_conn_request, checks in code
     * order: (a) SYN queue full or syncookies=2, (b) accept queue full, (d) the syncookies=0
     * last-quarter rule, then a request sock or a cookie SYN-ACK.
     */
    private List<Transition<ListenState>> synArrives(ListenState s, String c) {
        ClientState view = s.client().get(c);
        boolean listenerHasNone = !s.reset().contains(c) && s.requestOf(c).isEmpty() && !s.cookie().contains(c)
                && !s.acceptQueue().contains(c) && !s.accepted().contains(c);
        if (!(view == ClientState.IDLE || view == ClientState.SYN_SENT) || !listenerHasNone) {
            return List.of(); // not modelled: a duplicate SYN for an existing request
        }
        Builder b = s.edit();
        b.unplace(c);
        b.client().put(c, ClientState.SYN_SENT);
        if (s.skState() != SkState.TCP_LISTEN) {
            // kernel: net/ipv4/tcp_ipv4.c tcp_v4_rcv no_tcp_socket → tcp_v4_send_reset
            b.reset().add(c);
            b.client().put(c, ClientState.RESET);
            b.send(Segment.RST, c);
            return one(SynRefused, b);
        }
        Sysctls sys = s.sysctl();
        boolean wantCookie = false;
        // (a) kernel: tcp_conn_request "syncookies == 2 || inet_csk_reqsk_queue_is_full" → tcp_syn_flood_action
        if (sys.tcpSyncookies() == 2 || synQueueFull(s)) {
            if (sys.tcpSyncookies() != 0) {
                wantCookie = true;
                b.count(Counter.TCPReqQFullDoCookies);
            } else {
                b.count(Counter.TCPReqQFullDrop, Counter.ListenDrops); // catalog tcp S4
                b.dropped().add(c);
                return one(SynQueueFullDrop, b);
            }
        }
        // (b) kernel: tcp_conn_request sk_acceptq_is_full → LISTENOVERFLOWS; drop: tcp_listendrop (catalog tcp S2)
        if (acceptQueueFull(s)) {
            b.count(Counter.ListenOverflows, Counter.ListenDrops);
            b.dropped().add(c);
            return one(SynAcceptQueueFullDrop, b);
        }
        // (d) kernel: tcp_conn_request "Kill the following clause" — peer assumed not proven (catalog tcp S6)
        int maxSynBacklog = sys.tcpMaxSynBacklog();
        if (!wantCookie && sys.tcpSyncookies() == 0
                && maxSynBacklog - s.reqskQueueLen() < (maxSynBacklog >> 2)) {
            b.count(Counter.ListenDrops);
            b.dropped().add(c);
            return one(SynMaxSynBacklogDrop, b);
        }
        b.client().put(c, ClientState.ESTABLISHED);
        b.send(Segment.SYN_ACK, c);
        if (wantCookie) {
            // kernel: include/net/tcp.h cookie_init_sequence → SYNCOOKIESSENT, tcp_synq_overflow; req freed
            b.count(Counter.SyncookiesSent);
            b.synqOverflow = true;
            b.cookie().add(c);
            return one(SynCookieSent, b);
        }
        // kernel: inet_csk_reqsk_queue_hash_add → reqsk_queue_added (qlen++, young++)
        b.synQueue().add(new RequestSock(c, 0, false));
        return one(SynQueueAdd, b);
    }

    /**
     * The handshake's final ACK. Kernel: net/ipv4/tcp_minisocks.c tcp_check_req →
     * tcp_v4_syn_recv_sock (accept queue full: exit_overflow) → inet_csk_complete_hashdance;
     * without a request, net/ipv4/syncookies.c cookie_v4_check.
     */
    private static List<Transition<ListenState>> ackArrives(ListenState s, String c) {
        boolean hasReq = s.requestOf(c).isPresent();
        boolean candidate = hasReq || s.cookie().contains(c) || s.dropped().contains(c);
        if (s.client().get(c) != ClientState.ESTABLISHED || !candidate) {
            return List.of();
        }
        Builder b = s.edit();
        if (s.skState() != SkState.TCP_LISTEN) {
            // kernel: tcp_ipv4.c tcp_v4_rcv NEW_SYN_RECV with a dead listener → drop req, lookup, no socket → RST (catalog tcp C2)
            b.unplace(c);
            return one(AckNoListenerReset, resetPeer(b, c));
        }
        if (hasReq) {
            if (acceptQueueFull(s)) {
                // kernel: tcp_v4_syn_recv_sock exit_overflow: LISTENOVERFLOWS, tcp_listendrop
                b.count(Counter.ListenOverflows, Counter.ListenDrops);
                if (s.sysctl().tcpAbortOnOverflow() == 0) {
                    // kernel: tcp_check_req listen_overflow: acked = 1, ACK dropped, req kept (catalog tcp H2)
                    RequestSock r = s.requestOf(c).orElseThrow();
                    b.synQueue().remove(r);
                    b.synQueue().add(new RequestSock(c, r.numTimeout(), true));
                    return one(AckAcceptQueueFullDrop, b);
                }
                // kernel: tcp_check_req embryonic_reset: send_reset, inet_csk_reqsk_queue_drop → EMBRYONICRSTS (catalog tcp H3)
                b.unplace(c);
                b.count(Counter.EmbryonicRsts);
                return one(AckAcceptQueueFullReset, resetPeer(b, c));
            }
            b.unplace(c);
            b.acceptQueue().add(c); // kernel: inet_csk_reqsk_queue_add (catalog tcp H1)
            return one(AckToAcceptQueue, b);
        }
        if (s.cookie().contains(c)) {
            // kernel: syncookies.c cookie_v4_check valid → SYNCOOKIESRECV, tcp_get_cookie_sock (catalog tcp H7, H9)
            b.count(Counter.SyncookiesRecv);
            if (acceptQueueFull(s)) {
                b.count(Counter.ListenOverflows, Counter.ListenDrops); // syn_recv_sock NULL: ACK dropped, no RST
                return one(CookieAckAcceptQueueFullDrop, b);
            }
            b.unplace(c);
            b.acceptQueue().add(c);
            return one(CookieAckToAcceptQueue, b);
        }
        // The request expired while the peer holds an established connection (catalog tcp T5).
        if (s.sysctl().tcpSyncookies() != 0 && s.synqOverflow()) {
            // kernel: cookie_v4_check after a recent tcp_synq_overflow: not a cookie → SYNCOOKIESFAILED, discarded
            b.count(Counter.SyncookiesFailed);
            return one(CookieAckInvalid, b);
        }
        // kernel: tcp_rcv_state_process TCP_LISTEN with ACK → tcp_v4_do_rcv reset (catalog tcp H8)
        b.unplace(c);
        return one(AckNoRequestReset, resetPeer(b, c));
    }

    private static Builder resetPeer(Builder b, String c) {
        b.reset().add(c);
        b.client().put(c, ClientState.RESET);
        b.send(Segment.RST, c);
        return b;
    }

    /** A peer aborts with RST. Kernel: tcp_check_req embryonic_reset (request); a queued child just records it. */
    private static List<Transition<ListenState>> rstArrives(ListenState s, String c) {
        if (s.client().get(c) != ClientState.ESTABLISHED) {
            return List.of();
        }
        Builder b = s.edit();
        b.client().put(c, ClientState.CLOSED);
        if (s.requestOf(c).isPresent()) {
            // kernel: tcp_check_req embryonic_reset: no RST to a RST; inet_csk_reqsk_queue_drop → EMBRYONICRSTS (catalog tcp H5)
            b.unplace(c);
            b.reset().add(c);
            b.count(Counter.EmbryonicRsts);
            return one(RstDropsRequest, b);
        }
        if (s.acceptQueue().contains(c)) {
            // The child stays queued; accept() still returns it (catalog tcp A8).
            return one(RstQueuedChild, b);
        }
        return List.of();
    }

    // ---- kernel timers ---------------------------------------------------------------------------

    /**
     * The request's timer. Kernel: net/ipv4/inet_connection_sock.c reqsk_timer_handler and
     * syn_ack_recalc (no TCP_DEFER_ACCEPT): expire when num_timeout reaches the retry limit,
     * else retransmit the SYN-ACK and count the timeout.
     */
    private static List<Transition<ListenState>> synAckTimer(ListenState s, String c) {
        var found = s.requestOf(c);
        if (found.isEmpty()) {
            return List.of();
        }
        RequestSock r = found.get();
        Builder b = s.edit();
        if (s.skState() != SkState.TCP_LISTEN) {
            b.unplace(c);
            b.dropped().add(c); // kernel: reqsk_timer_handler "!= TCP_LISTEN" → drop, silently
            return one(SynAckTimerListenerGone, b);
        }
        if (r.numTimeout() >= maxSynAckRetries(s)) {
            b.unplace(c);
            b.dropped().add(c); // expiry sends nothing (catalog tcp T1)
            return one(SynAckExpire, b);
        }
        b.synQueue().remove(r);
        b.synQueue().add(new RequestSock(c, r.numTimeout() + 1, r.acked()));
        b.send(Segment.SYN_ACK, c); // kernel: inet_rtx_syn_ack
        return one(SynAckRetransmit, b);
    }

    /**
     * The retry limit, lowered for old requests when the SYN queue is large so that half of it
     * stays for young ones. Kernel: reqsk_timer_handler (TCP_SYNCNT on the listener not modelled).
     */
    static int maxSynAckRetries(ListenState s) {
        int maxRetries = s.sysctl().tcpSynackRetries();
        int qlen = s.reqskQueueLen();
        if ((qlen << 1) > Math.max(8, s.skMaxAckBacklog())) {
            int young = s.reqskQueueYoung() << 1;
            while (maxRetries > 2) {
                if (qlen < young) {
                    break;
                }
                maxRetries--;
                young <<= 1;
            }
        }
        return maxRetries;
    }

    // ---- the state as the TLA+ spec names it --------------------------------------------------

    /**
     * What an {@code observe} line reads: TCP_INFO (net/ipv4/tcp.c tcp_get_info: for a listener
     * tcpi_unacked is sk_ack_backlog, tcpi_sacked sk_max_ack_backlog), the SYN_RECV request socks
     * (inet_csk_reqsk_queue_len), poll, the TcpExt counters, and each peer's own view.
     */
    @Override
    public SortedMap<String, Object> observables(ListenState s) {
        SortedMap<String, Object> o = new TreeMap<>();
        OBSERVABLES.forEach(name -> o.put(name, observable(s, name)));
        return o;
    }

    /** The names of {@link #observables}. */
    public static final java.util.List<String> OBSERVABLES =
            java.util.List.of("tcpInfoState", "unacked", "sacked", "synrecv", "poll", "netstat", "client");

    /**
     * One of {@link #observables}, computed alone: a trace's observation reads one or two of them
     * in each of up to thousands of hypotheses.
     */
    public Object observable(ListenState s, String name) {
        return switch (name) {
            case "tcpInfoState" -> s.skState() == ListenState.SkState.TCP_LISTEN ? "LISTEN" : "CLOSE";
            case "unacked" -> s.skAckBacklog();
            case "sacked" -> s.skMaxAckBacklog();
            case "synrecv" -> s.reqskQueueLen();
            case "poll" -> s.pollMask();
            case "netstat" -> {
                Map<String, Object> counters = new TreeMap<>();
                s.counters().asMap().forEach((k, n) -> counters.put(k.name(), n));
                yield counters;
            }
            case "client" -> {
                Map<String, Object> view = new TreeMap<>();
                s.client().forEach((c, st) -> view.put(c, st.name()));
                yield new kpath.model.TlaFunction(view);
            }
            default -> throw new IllegalArgumentException("no observable " + name);
        };
    }

    /** Entry {@code key} of the observable {@code name} (a client's state, a counter), as {@link #observables} holds it; null when absent. */
    public Object observable(ListenState s, String name, String key) {
        return switch (name) {
            case "client" -> {
                Enum<?> st = s.client().get(key);
                yield st == null ? null : st.name();
            }
            default -> ((Map<?, ?>) observable(s, name)).get(key);
        };
    }

    @Override
    public SortedMap<String, Object> variables(ListenState s) {
        SortedMap<String, Object> v = new TreeMap<>();
        Sysctls y = s.sysctl();
        v.put("sysctl", Map.of("somaxconn", y.somaxconn(), "tcpMaxSynBacklog", y.tcpMaxSynBacklog(),
                "tcpSyncookies", y.tcpSyncookies(), "tcpAbortOnOverflow", y.tcpAbortOnOverflow(),
                "tcpSynackRetries", y.tcpSynackRetries()));
        v.put("skState", s.skState().name());
        v.put("fdClosed", s.fdClosed());
        v.put("skMaxAckBacklog", s.skMaxAckBacklog());
        v.put("oNonblock", s.oNonblock());
        v.put("acceptBlocked", s.acceptBlocked());
        v.put("synQueue", s.synQueue().stream()
                .map(r -> Map.<String, Object>of("client", r.client(), "numTimeout", r.numTimeout(), "acked", r.acked()))
                .collect(Collectors.toSet()));
        v.put("cookie", s.cookie());
        v.put("acceptQueue", s.acceptQueue());
        v.put("accepted", s.accepted());
        v.put("synSent", s.synSent());
        v.put("dropped", s.dropped());
        v.put("reset", s.reset());
        Map<String, Object> view = new TreeMap<>();
        s.client().forEach((c, st) -> view.put(c, st.name()));
        v.put("client", new kpath.model.TlaFunction(view));
        Map<String, Object> counters = new TreeMap<>();
        s.counters().asMap().forEach((k, n) -> counters.put(k.name(), n));
        v.put("counters", counters);
        v.put("synqOverflow", s.synqOverflow());
        v.put("ret", s.ret());
        v.put("tx", s.tx().stream()
                .map(t -> Map.<String, Object>of("flags", t.flags(), "client", t.client()))
                .toList());
        return v;
    }
}
