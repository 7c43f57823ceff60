package kpath.model.tcp;

import kpath.uapi.Counter;

import kpath.model.sock.TcpPollMask;
import kpath.uapi.Mask;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One state of a listening TCP socket and the peers connecting to it. Every connection attempt
 * is in exactly one place: {@code synSent} (SYN on its way), {@code synQueue}, {@code cookie},
 * {@code acceptQueue}, {@code accepted}, {@code dropped} or {@code reset}.
 *
 * @param sysctl          the namespace's sysctls (constant within a run)
 * @param skState         {@code sk->sk_state} of the listener socket: TCP_CLOSE or TCP_LISTEN
 * @param fdClosed        the program closed the listener fd
 * @param skMaxAckBacklog {@code sk->sk_max_ack_backlog}: the backlog after the somaxconn clamp
 * @param oNonblock       O_NONBLOCK on the listener's file
 * @param acceptBlocked   the program's task sleeps in accept (inet_csk_wait_for_connect)
 * @param synQueue        request socks (TCP_NEW_SYN_RECV); its size is {@code icsk_accept_queue.qlen}
 * @param cookie          peers sent a SYN cookie: the listener keeps no state for them
 * @param acceptQueue     children waiting for accept, oldest first; its size is {@code sk_ack_backlog}
 * @param accepted        peers whose child accept() returned
 * @param synSent         peers whose SYN has not reached the listener yet
 * @param dropped         peers whose SYN was dropped or whose request expired: no state here
 * @param reset           peers whose connection ended in a RST
 * @param client          each peer's own view of its connection
 * @param counters        TcpExt counters since the start
 * @param synqOverflow    {@code tcp_synq_overflow} stamped: a cookie was sent, so ACKs without a request are checked as cookies
 * @param ret             the result of the last step if it was a syscall ("-" otherwise)
 * @param tx              segments the last step sent to peers
 */
public record ListenState(
        Sysctls sysctl,
        SkState skState,
        boolean fdClosed,
        int skMaxAckBacklog,
        boolean oNonblock,
        boolean acceptBlocked,
        Set<RequestSock> synQueue,
        Set<String> cookie,
        List<String> acceptQueue,
        Set<String> accepted,
        Set<String> synSent,
        Set<String> dropped,
        Set<String> reset,
        Map<String, ClientState> client,
        Counters counters,
        boolean synqOverflow,
        String ret,
        List<Segment> tx) {

    /** {@code sk->sk_state} values the listener takes (include/net/tcp_states.h). */
    public enum SkState { TCP_CLOSE, TCP_LISTEN }

    /** The result text of steps that are not syscalls. */
    public static final String NO_RET = "-";

    public ListenState {
        Objects.requireNonNull(sysctl);
        Objects.requireNonNull(skState);
        synQueue = RequestSet.copyOf(synQueue);
        cookie = Set.copyOf(cookie);
        acceptQueue = List.copyOf(acceptQueue);
        accepted = Set.copyOf(accepted);
        synSent = Set.copyOf(synSent);
        dropped = Set.copyOf(dropped);
        reset = Set.copyOf(reset);
        client = kpath.model.ArrayMap.copyOf(client);
        tx = List.copyOf(tx);
        Objects.requireNonNull(counters);
        Objects.requireNonNull(ret);
        if (skMaxAckBacklog < 0) {
            throw new IllegalArgumentException("skMaxAckBacklog < 0");
        }
        if (fdClosed && (skState != SkState.TCP_CLOSE || acceptBlocked)) {
            throw new IllegalArgumentException("a closed listener fd must be TCP_CLOSE with no task in accept");
        }
    }

    /** The initial state: a bound socket in TCP_CLOSE, blocking, every peer idle. */
    public static ListenState initial(Sysctls sysctl, List<String> clients) {
        Map<String, ClientState> view = new TreeMap<>();
        for (String c : clients) {
            view.put(c, ClientState.IDLE);
        }
        return new ListenState(sysctl, SkState.TCP_CLOSE, false, 0, false, false, Set.of(), Set.of(), List.of(),
                Set.of(), Set.of(), Set.of(), Set.of(), view, Counters.zero(), false, NO_RET, List.of());
    }

    /** {@code sk_ack_backlog}: children in the accept queue (tcpi_unacked, ss Recv-Q). */
    public int skAckBacklog() {
        return acceptQueue.size();
    }

    /** {@code inet_csk_reqsk_queue_len}: request socks in SYN_RECV. */
    public int reqskQueueLen() {
        return synQueue.size();
    }

    /** {@code inet_csk_reqsk_queue_young}: requests whose timer has not fired yet. */
    public int reqskQueueYoung() {
        return (int) synQueue.stream().filter(r -> r.numTimeout() == 0).count();
    }

    /**
     * What poll/epoll report for the listener fd: {@link TcpPollMask} — readable iff a child is
     * queued once listening; a socket in TCP_CLOSE that never connected is writable and hung up. A
     * closed fd number polls POLLNVAL (fs/select.c do_pollfd).
     */
    public int pollMask() {
        if (fdClosed) {
            return Mask.NVAL;
        }
        if (skState == SkState.TCP_LISTEN) {
            return TcpPollMask.listener(acceptQueue.isEmpty());
        }
        return TcpPollMask.socket(true, 0, 0, false);
    }

    /** The peer's request sock, if it has one. */
    public java.util.Optional<RequestSock> requestOf(String c) {
        return ((RequestSet) synQueue).of(c);      // the compact constructor made it one
    }

    Builder edit() {
        return new Builder(this);
    }

    /**
     * A mutable copy used inside one rule; every rule ends in {@code build()}. Each collection is
     * copied when a rule first asks for it ({@code synQueue()}, ...): a step changes one or two of
     * them, and an unchanged one stays the same instance in the next state (cheap to hash and to
     * compare, and {@code TcpTime} knows an untouched client map by identity).
     */
    static final class Builder {
        Sysctls sysctl;
        SkState skState;
        boolean fdClosed;
        int skMaxAckBacklog;
        boolean oNonblock;
        boolean acceptBlocked;
        private java.util.Set<RequestSock> synQueue;
        private java.util.Set<String> cookie;
        private java.util.List<String> acceptQueue;
        private java.util.Set<String> accepted;
        private java.util.Set<String> synSent;
        private java.util.Set<String> dropped;
        private java.util.Set<String> reset;
        private java.util.Map<String, ClientState> client;
        private final ListenState from;
        Counters counters;
        boolean synqOverflow;
        String ret = NO_RET;
        java.util.List<Segment> tx = new java.util.ArrayList<>();

        Builder(ListenState s) {
            from = s;
            sysctl = s.sysctl;
            skState = s.skState;
            fdClosed = s.fdClosed;
            skMaxAckBacklog = s.skMaxAckBacklog;
            oNonblock = s.oNonblock;
            acceptBlocked = s.acceptBlocked;
            synQueue = s.synQueue;
            cookie = s.cookie;
            acceptQueue = s.acceptQueue;
            accepted = s.accepted;
            synSent = s.synSent;
            dropped = s.dropped;
            reset = s.reset;
            client = s.client;
            counters = s.counters;
            synqOverflow = s.synqOverflow;
        }

        java.util.Set<RequestSock> synQueue() {
            return synQueue == from.synQueue ? synQueue = new RequestSet.Editing((RequestSet) synQueue) : synQueue;
        }

        java.util.Set<String> cookie() {
            return cookie == from.cookie ? cookie = new java.util.HashSet<>(cookie) : cookie;
        }

        java.util.List<String> acceptQueue() {
            return acceptQueue == from.acceptQueue ? acceptQueue = new java.util.ArrayList<>(acceptQueue) : acceptQueue;
        }

        java.util.Set<String> accepted() {
            return accepted == from.accepted ? accepted = new java.util.HashSet<>(accepted) : accepted;
        }

        java.util.Set<String> synSent() {
            return synSent == from.synSent ? synSent = new java.util.HashSet<>(synSent) : synSent;
        }

        java.util.Set<String> dropped() {
            return dropped == from.dropped ? dropped = new java.util.HashSet<>(dropped) : dropped;
        }

        java.util.Set<String> reset() {
            return reset == from.reset ? reset = new java.util.HashSet<>(reset) : reset;
        }

        /** A client's view changes one entry of a hundred: the map is copied as two arrays ({@link kpath.model.CowMap}). */
        java.util.Map<String, ClientState> client() {
            return client == from.client ? client = new kpath.model.CowMap<>(client) : client;
        }

        /** Takes {@code c} out of whichever place it is in. */
        void unplace(String c) {
            for (RequestSock r : synQueue) {
                if (r.client().equals(c)) {
                    synQueue().remove(r);
                    break;
                }
            }
            if (cookie.contains(c)) {
                cookie().remove(c);
            }
            if (acceptQueue.contains(c)) {
                acceptQueue().remove(c);
            }
            if (accepted.contains(c)) {
                accepted().remove(c);
            }
            if (synSent.contains(c)) {
                synSent().remove(c);
            }
            if (dropped.contains(c)) {
                dropped().remove(c);
            }
            if (reset.contains(c)) {
                reset().remove(c);
            }
        }

        void send(String flags, String c) {
            tx.add(new Segment(flags, c));
        }

        void count(Counter... cs) {
            counters = counters.inc(cs);
        }

        ListenState build() {
            return new ListenState(sysctl, skState, fdClosed, skMaxAckBacklog, oNonblock, acceptBlocked, synQueue,
                    cookie, acceptQueue, accepted, synSent, dropped, reset,
                    client instanceof kpath.model.CowMap<ClientState> c ? c.frozen() : client, counters, synqOverflow, ret, tx);
        }
    }
}
