package kpath.model.tcp;

/**
 * A segment the listener's host sends to a peer, in packetdrill's flag notation:
 * {@code S.} SYN-ACK, {@code R} reset.
 */
public record Segment(String flags, String client) {
    public static final String SYN_ACK = "S.";
    public static final String RST = "R";

    @Override
    public String toString() {
        return "> " + flags + " " + client;
    }
}
