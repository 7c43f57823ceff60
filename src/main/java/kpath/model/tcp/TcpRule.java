package kpath.model.tcp;

import kpath.model.Rule;
import kpath.model.RuleClass;

/**
 * Every outcome of the passive-open model. Each name is also a sub-action of specs/TcpListen.tla
 * and the label in reports; {@code TcpListen} is where each rule's condition lives.
 */
public enum TcpRule implements Rule {
    ListenOk(RuleClass.FAST_SUCCEED,
            "listen(2) makes the socket a listener, backlog clamped to somaxconn (net/socket.c __sys_listen_socket, af_inet.c __inet_listen_sk)"),
    ListenEbadf(RuleClass.FAST_FAIL,
            "listen(2) on a closed fd fails with EBADF (net/socket.c __sys_listen, fdget)"),
    FcntlSetfl(RuleClass.FAST_SUCCEED,
            "fcntl(F_SETFL) sets or clears the listener's O_NONBLOCK (fs/fcntl.c setfl)"),
    FcntlEbadf(RuleClass.FAST_FAIL,
            "fcntl(2) on a closed fd fails with EBADF (fs/fcntl.c do_fcntl via fdget_raw)"),
    ConnectInProgress(RuleClass.FAST_FAIL,
            "a local client's non-blocking connect(2) sends its SYN and returns EINPROGRESS (af_inet.c __inet_stream_connect)"),
    AcceptDequeue(RuleClass.FAST_SUCCEED,
            "accept4(2) takes the oldest queued child at once (inet_connection_sock.c inet_csk_accept, reqsk_queue_remove)"),
    AcceptEagain(RuleClass.FAST_FAIL,
            "a non-blocking accept4(2) on an empty accept queue fails with EAGAIN (inet_csk_accept, !timeo)"),
    AcceptEinval(RuleClass.FAST_FAIL,
            "accept4(2) on a socket that is not listening fails with EINVAL (inet_csk_accept)"),
    AcceptEbadf(RuleClass.FAST_FAIL,
            "accept4(2) on a closed fd fails with EBADF (net/socket.c __sys_accept4)"),
    AcceptBlock(RuleClass.BLOCK,
            "a blocking accept4(2) on an empty queue puts the caller to sleep (inet_csk_wait_for_connect)"),
    AcceptWakeupDequeue(RuleClass.SLOW_SUCCEED,
            "a sleeping accept4(2) is woken by a queued child and takes it (inet_csk_wait_for_connect, inet_csk_accept)"),
    CloseListener(RuleClass.FAST_SUCCEED,
            "close(2) of the listener resets every queued child and drops the requests (inet_csk_listen_stop, tcp_disconnect)"),
    CloseEbadf(RuleClass.FAST_FAIL,
            "close(2) of an fd already closed fails with EBADF (fs/file.c close_fd)"),
    SynRefused(RuleClass.NETWORK,
            "a SYN to a socket that is not listening is answered with RST (tcp_ipv4.c tcp_v4_rcv, tcp_v4_send_reset)"),
    SynQueueAdd(RuleClass.NETWORK,
            "a SYN becomes a request sock in SYN_RECV and is answered with a SYN-ACK (tcp_input.c tcp_conn_request, inet_csk_reqsk_queue_hash_add)"),
    SynCookieSent(RuleClass.NETWORK,
            "a SYN is answered with a syncookie SYN-ACK and no request is kept (tcp_conn_request, cookie_init_sequence; SyncookiesSent)"),
    SynQueueFullDrop(RuleClass.NETWORK,
            "a SYN that finds the SYN queue full without syncookies is dropped (tcp_conn_request, tcp_syn_flood_action; TCPReqQFullDrop)"),
    SynAcceptQueueFullDrop(RuleClass.NETWORK,
            "a SYN that finds the accept queue full is dropped (tcp_conn_request sk_acceptq_is_full; ListenOverflows, ListenDrops)"),
    SynMaxSynBacklogDrop(RuleClass.NETWORK,
            "with syncookies off, a SYN in the last quarter of tcp_max_syn_backlog from an unproven peer is dropped (tcp_conn_request)"),
    AckToAcceptQueue(RuleClass.NETWORK,
            "the final ACK turns the request into a child on the accept queue (tcp_minisocks.c tcp_check_req, inet_csk_reqsk_queue_add)"),
    AckAcceptQueueFullDrop(RuleClass.NETWORK,
            "a final ACK that finds the accept queue full is dropped and the request kept, marked acked (tcp_check_req listen_overflow; ListenOverflows)"),
    AckAcceptQueueFullReset(RuleClass.NETWORK,
            "with tcp_abort_on_overflow=1 a final ACK that finds the accept queue full is answered with RST (tcp_check_req embryonic_reset)"),
    CookieAckToAcceptQueue(RuleClass.NETWORK,
            "an ACK carrying a valid syncookie creates a child on the accept queue (syncookies.c cookie_v4_check; SyncookiesRecv)"),
    CookieAckAcceptQueueFullDrop(RuleClass.NETWORK,
            "a valid cookie ACK that finds the accept queue full is dropped (tcp_v4_syn_recv_sock exit_overflow; ListenOverflows)"),
    CookieAckInvalid(RuleClass.NETWORK,
            "an ACK with no request and no valid cookie after a recent overflow is discarded (cookie_v4_check; SyncookiesFailed)"),
    AckNoRequestReset(RuleClass.NETWORK,
            "an ACK to the listener with no request and no cookie in play is answered with RST (tcp_rcv_state_process, tcp_v4_do_rcv)"),
    AckNoListenerReset(RuleClass.NETWORK,
            "an ACK for a request whose listener is gone is answered with RST (tcp_v4_rcv NEW_SYN_RECV, no socket)"),
    RstDropsRequest(RuleClass.NETWORK,
            "a peer's RST drops its request sock (tcp_check_req embryonic_reset, inet_csk_reqsk_queue_drop; EmbryonicRsts)"),
    RstQueuedChild(RuleClass.NETWORK,
            "a peer's RST to a queued child is recorded; the child stays queued and accept still returns it (tcp_rcv_state_process)"),
    SynAckRetransmit(RuleClass.KERNEL,
            "the request timer fires and the SYN-ACK is sent again (request_sock.c reqsk_timer_handler, inet_rtx_syn_ack)"),
    SynAckExpire(RuleClass.KERNEL,
            "the request timer fires after tcp_synack_retries retransmissions and the request is dropped (reqsk_timer_handler)"),
    SynAckTimerListenerGone(RuleClass.KERNEL,
            "the request timer fires after the listener closed and drops the request silently (reqsk_timer_handler != TCP_LISTEN)");

    private final RuleClass ruleClass;
    private final String summary;

    TcpRule(RuleClass ruleClass, String summary) {
        this.ruleClass = ruleClass;
        this.summary = summary;
    }

    @Override
    public RuleClass ruleClass() {
        return ruleClass;
    }

    @Override
    public String summary() {
        return summary;
    }
}
