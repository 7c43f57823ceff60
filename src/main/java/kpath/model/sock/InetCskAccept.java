package kpath.model.sock;

/**
 * accept4(2)'s checks, once for every model that accepts (the passive-open listener, the
 * readiness path's loopback listeners); the spec's home is specs/InetCskAccept.tla.
 */
public enum InetCskAccept {
    EBADF, EINVAL, EAGAIN, BLOCK, DEQUEUE;

    /**
     * net/socket.c __sys_accept4: EBADF for a closed fd; net/ipv4/inet_connection_sock.c
     * inet_csk_accept: EINVAL unless listening, EAGAIN with no child and O_NONBLOCK, else the
     * caller sleeps (inet_csk_wait_for_connect) or takes the oldest child (reqsk_queue_remove).
     */
    public static InetCskAccept check(boolean fdOpen, boolean listening, boolean queueEmpty, boolean nonblock) {
        if (!fdOpen) {
            return EBADF;
        }
        if (!listening) {
            return EINVAL;
        }
        if (queueEmpty) {
            return nonblock ? EAGAIN : BLOCK;
        }
        return DEQUEUE;
    }
}
