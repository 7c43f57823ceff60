package kpath.model.tcp;

/** What the connecting peer sees: the client-visible outcome of its connection attempt. */
public enum ClientState {
    /** has not sent a SYN yet */
    IDLE,
    /** SYN sent, no SYN-ACK yet (the SYN may have been dropped) */
    SYN_SENT,
    /** a SYN-ACK arrived and was ACKed: connect() has succeeded on the peer's side */
    ESTABLISHED,
    /** the listener's host answered with RST (ECONNREFUSED before, ECONNRESET after establishment) */
    RESET,
    /** the peer aborted the connection itself with RST (SO_LINGER {1, 0} and close) */
    CLOSED
}
