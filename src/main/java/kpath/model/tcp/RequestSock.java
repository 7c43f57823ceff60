package kpath.model.tcp;

/**
 * A request sock (TCP_NEW_SYN_RECV minisock) in the listener's SYN queue.
 *
 * @param client     the peer it answers
 * @param numTimeout {@code req->num_timeout}: how often its timer fired (0 = still "young")
 * @param acked      {@code inet_rsk(req)->acked}: a final ACK arrived but found the accept queue full
 */
public record RequestSock(String client, int numTimeout, boolean acked) {
    public RequestSock {
        if (numTimeout < 0) {
            throw new IllegalArgumentException("numTimeout < 0");
        }
    }
}
