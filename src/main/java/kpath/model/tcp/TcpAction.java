package kpath.model.tcp;

/**
 * Everything that can happen to a listening socket, grouped by who causes it: the program's
 * syscalls, arrivals from the peer, and the kernel's own steps. {@code toString()} is the
 * trace-line syntax, so a shrunk jqwik counterexample reads like a trace.
 */
public sealed interface TcpAction {

    /** The listener fd's name in traces. */
    String L = "L";

    /** A system call made by the program. */
    sealed interface Syscall extends TcpAction {}

    /** A segment from a peer arrives at the listener's host. */
    sealed interface Network extends TcpAction {
        String client();
    }

    /** A kernel-internal step: a timer, a wake-up. */
    sealed interface Kernel extends TcpAction {}

    /** {@code listen(2)}. Kernel: net/socket.c __sys_listen_socket; net/ipv4/af_inet.c __inet_listen_sk. */
    record Listen(int backlog) implements Syscall {
        @Override
        public String toString() {
            return "listen(" + L + ", " + backlog + ")";
        }
    }

    /** {@code fcntl(L, F_SETFL, O_NONBLOCK or 0)}: the listener's O_NONBLOCK, which decides whether accept blocks. */
    record Fcntl(boolean nonblock) implements Syscall {
        @Override
        public String toString() {
            return "fcntl(" + L + ", F_SETFL, " + (nonblock ? "O_NONBLOCK" : "0") + ")";
        }
    }

    /**
     * {@code accept4(L, ..., flags)}. {@code SOCK_NONBLOCK} only marks the new fd; whether the call
     * blocks depends on the listener's O_NONBLOCK (net/socket.c do_accept; catalog tcp A3).
     */
    record Accept4(boolean sockNonblock) implements Syscall {
        @Override
        public String toString() {
            return "accept4(" + L + ", " + (sockNonblock ? "SOCK_NONBLOCK" : "0") + ")";
        }
    }

    /** {@code close(L)}. Kernel: net/ipv4/tcp.c __tcp_close → inet_csk_listen_stop. */
    record Close() implements Syscall {
        @Override
        public String toString() {
            return "close(" + L + ")";
        }
    }

    /** A local client's non-blocking {@code connect(2)}: it sends a SYN. Kernel: net/ipv4/af_inet.c __inet_stream_connect. */
    record Connect(String client) implements Syscall {
        @Override
        public String toString() {
            return "connect(" + client + ")";
        }
    }

    /** A SYN from {@code client} (first or retransmitted). Kernel: net/ipv4/tcp_input.c tcp_conn_request. */
    record SynArrives(String client) implements Network {
        @Override
        public String toString() {
            return "< S " + client;
        }
    }

    /** The handshake's final ACK from {@code client}. Kernel: net/ipv4/tcp_minisocks.c tcp_check_req; net/ipv4/syncookies.c cookie_v4_check. */
    record AckArrives(String client) implements Network {
        @Override
        public String toString() {
            return "< . " + client;
        }
    }

    /** A RST from {@code client}, aborting its half-open or queued connection. */
    record RstArrives(String client) implements Network {
        @Override
        public String toString() {
            return "< R " + client;
        }
    }

    /** The request's SYN-ACK timer fires. Kernel: net/ipv4/inet_connection_sock.c reqsk_timer_handler. */
    record SynAckTimer(String client) implements Kernel {
        @Override
        public String toString() {
            return "~ reqsk_timer_handler(" + client + ")";
        }
    }

    /** A task sleeping in accept is woken by a queued child. Kernel: net/ipv4/inet_connection_sock.c inet_csk_wait_for_connect. */
    record AcceptWakeup() implements Kernel {
        @Override
        public String toString() {
            return "~ inet_csk_wait_for_connect(" + L + ")";
        }
    }
}
