package kpath.model.sock;

/**
 * The sk_shutdown bits of a socket (include/net/sock.h), for every socket family the models hold:
 * shutdown(2)'s SHUT_RD/SHUT_WR/SHUT_RDWR (0, 1, 2) become how + 1.
 */
public final class SkShutdown {
    private SkShutdown() {}

    public static final int RCV_SHUTDOWN = 1, SEND_SHUTDOWN = 2, SHUTDOWN_MASK = 3;
}
