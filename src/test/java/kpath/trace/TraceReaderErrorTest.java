package kpath.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken trace is reported at the right line, with the reason stated once and plainly. */
class TraceReaderErrorTest {

    private static final String FILE = "traces/tcp/x.trace";

    /** Lines 1-6: a complete header without sysctls. */
    private static final String HEADER = """
            kpath-trace 1
            scenario: s
            kernel: 6.18.44
            arch: x86_64
            netns: host
            peer: loopback
            """;

    /** The header, then {@code lines} from line 7 on. */
    private static String trace(String... lines) {
        return HEADER + String.join("\n", lines) + "\n";
    }

    private static void assertError(String text, int line, String reason) {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.parse(text, FILE));
        assertEquals(reason, e.reason());
        assertEquals(line, e.line());
        assertEquals(FILE, e.file());
        assertEquals(FILE + ":" + line + ": " + reason, e.getMessage());
    }

    // ---- the first line

    @Test
    void notATrace() {
        String reason = "not a kpath trace: first line must be 'kpath-trace 1'";
        assertError("hello\n" + HEADER, 1, reason);
        assertError("", 1, reason);
        assertError("\nkpath-trace 1\n", 1, reason);
        assertError("kpath-trace1\n", 1, reason);
    }

    @Test
    void otherVersion() {
        assertError(HEADER.replace("kpath-trace 1", "kpath-trace 2"), 1,
                "unsupported trace version '2': expected 'kpath-trace 1'");
    }

    // ---- the header

    @Test
    void missingHeaderKey() {
        assertError("""
                kpath-trace 1
                scenario: s
                arch: x86_64
                netns: host
                peer: loopback
                +0.000000 listen(L, 2) = 0
                """, 5, "missing header key 'kernel'");
        assertError("kpath-trace 1\n", 1, "missing header key 'scenario'");
        assertError(HEADER.replace("peer: loopback\n", ""), 5, "missing header key 'peer'");
    }

    @Test
    void duplicateSysctl() {
        assertError(HEADER + """
                sysctl: net.core.somaxconn=4096
                sysctl: net.ipv4.tcp_syncookies=1
                sysctl: net.core.somaxconn=128
                """, 9, "duplicate sysctl 'net.core.somaxconn' (first at line 7)");
    }

    @Test
    void badSysctl() {
        assertError(HEADER + "sysctl: net.core.somaxconn\n", 7,
                "bad sysctl 'net.core.somaxconn': expected 'sysctl: name=value'");
        assertError(HEADER + "sysctl: net core=1\n", 7,
                "bad sysctl name 'net core': expected a name like net.core.somaxconn");
    }

    @Test
    void badNetnsAndPeer() {
        assertError(HEADER.replace("netns: host", "netns: shared"), 5, "bad netns 'shared': expected host or private");
        assertError(HEADER.replace("peer: loopback", "peer: veth"), 6, "bad peer 'veth': expected loopback or tun");
    }

    @Test
    void duplicateHeaderKey() {
        assertError(HEADER + "kernel: 6.1\n", 7, "duplicate header key 'kernel' (first at line 3)");
    }

    @Test
    void headerKeysOutOfOrder() {
        assertError("""
                kpath-trace 1
                kernel: 6.18.44
                scenario: s
                """, 3, "header key 'scenario' out of order: the header lists scenario, kernel, arch, netns, peer,"
                + " then sysctl lines, then other keys");
        assertError(HEADER + "note: x\nsysctl: a=1\n", 8, "header key 'sysctl' out of order: the header lists"
                + " scenario, kernel, arch, netns, peer, then sysctl lines, then other keys");
    }

    @Test
    void badHeaderLines() {
        assertError(HEADER + "Kernel-Config: x\n", 7,
                "bad header key 'Kernel-Config': keys are lower-case letters, digits and '-', starting with a letter");
        assertError(HEADER + "listen(L, 2) = 0\n", 7, "bad header line 'listen(L, 2) = 0': expected 'key: value'"
                + " (the header ends at the first blank line, comment or event)");
        assertError(HEADER + "note:\n", 7, "header key 'note' has no value");
    }

    @Test
    void headerLineAfterEvents() {
        assertError(trace("+0.000000 listen(L, 2) = 0", "sysctl: net.core.somaxconn=1"), 8,
                "header line 'sysctl: net.core.somaxconn=1' after the header ended at line 6:"
                        + " header lines go before the first blank line, comment or event");
        assertError(trace("", "note: late"), 8, "header line 'note: late' after the header ended at line 6:"
                + " header lines go before the first blank line, comment or event");
    }

    @Test
    void aCommentBeforeTheHeaderEndsItSoTheHeaderLinesAfterItAreTheError() {
        assertError("kpath-trace 1\n# narrative\n" + HEADER.substring(HEADER.indexOf('\n') + 1), 3,
                "header line 'scenario: s' after the header ended at line 1:"
                        + " header lines go before the first blank line, comment or event");
    }

    // ---- times

    @Test
    void timeGoesBackwards() {
        assertError(trace("+0.000200 listen(L, 2) = 0", "# between", "+0.000100 connect(c1) = 0"), 9,
                "time +0.000100 goes backwards (previous +0.000200)");
    }

    @Test
    void badTimes() {
        assertError(trace("+0.0000001 listen(L, 2) = 0"), 7,
                "time +0.0000001 has more than 6 decimals: a trace counts microseconds");
        assertError(trace("+0,5 listen(L, 2) = 0"), 7, "bad time '+0,5': expected +SECONDS.MICROS, e.g. +0.000112");
        assertError(trace("+0.000000listen(L, 2) = 0"), 7,
                "bad time '+0.000000listen(L,': expected +SECONDS.MICROS, e.g. +0.000112");
        assertError(trace("+0.000000"), 7, "nothing after the time +0.000000:"
                + " expected a syscall, '<'/'>' packet, task call/return, or observe");
        assertError(trace("+0.000000 socket(AF_INET, SOCK_STREAM, 0) = L", "listen(L, 2) = 0"), 8,
                "expected an event '+SECONDS.MICROS ...', a comment '#...' or a blank line, got 'listen(L, 2) = 0'");
    }

    // ---- syscalls

    @Test
    void unknownEvent() {
        String expected = ": expected a syscall, '<'/'>' packet, task call/return, or observe";
        assertError(trace("+0.000000 acept4(L, 0) = c1"), 7, "unknown event 'acept4(L, 0) = c1'" + expected);
        assertError(trace("+0.000000 listen L 2"), 7, "unknown event 'listen L 2'" + expected);
        assertError(trace("+0.000000 poll(f(x)) = 0"), 7, "unknown event 'poll(f(x)) = 0'" + expected);
    }

    @Test
    void emptyArguments() {
        assertError(trace("+0.000000 accept4() = c1"), 7,
                "empty argument list in 'accept4()': a call has at least one argument");
        assertError(trace("+0.000000 accept4(L, , 0) = c1"), 7, "empty argument 2 in 'accept4(L, , 0)'");
    }

    @Test
    void missingResult() {
        assertError(trace("+0.000000 accept4(L, 0)"), 7,
                "missing result in 'accept4(L, 0)': expected 'accept4(L, 0) = RESULT'");
        assertError(trace("+0.000000 accept4(L, 0) ="), 7,
                "missing result in 'accept4(L, 0) =': expected 'accept4(L, 0) = RESULT'");
        assertError(trace("+0.000000 accept4(L, 0) c1"), 7,
                "unexpected 'c1' after 'accept4(L, 0)': expected ' = RESULT'");
    }

    @Test
    void badResults() {
        assertError(trace("+0.000000 accept4(L, 0) = -1"), 7, "result -1 needs an errno, e.g. '-1 EAGAIN'");
        assertError(trace("+0.000000 accept4(L, 0) = -1 eagain"), 7,
                "bad errno 'eagain': expected E and capitals or digits, e.g. EAGAIN");
        assertError(trace("+0.000000 accept4(L, 0) = c1 c2"), 7, "bad result 'c1 c2': expected one token or '-1 ERRNO'");
        assertError(trace("+0.000000 accept4(L, 0) = -1 EAGAIN x"), 7,
                "bad result '-1 EAGAIN x': expected one token or '-1 ERRNO'");
    }

    // ---- tasks

    @Test
    void returnWithoutStart() {
        assertError(trace("+0.000000 t1 -> accept4(L, 0)", "+0.000001 t1 <- c1", "+0.000002 t1 <- c2"), 9,
                "task t1 returns 'c2' without a call in progress (its last call returned at line 8)");
    }

    @Test
    void returnOfUnknownTask() {
        assertError(trace("+0.000000 t1 -> accept4(L, 0)", "+0.000001 t3 <- -1 EAGAIN"), 8,
                "return of unknown task t3: no earlier 't3 -> ...' call");
    }

    @Test
    void taskStartsTwice() {
        assertError(trace("+0.000000 t1 -> accept4(L, 0)", "+0.000001 t1 -> read(c1, 10)"), 8,
                "task t1 starts 'read(c1, 10)' while its call 'accept4(L, 0)' from line 7 has not returned");
    }

    @Test
    void badTaskCalls() {
        assertError(trace("+0.000000 t1 -> accept4(L, 0) = c1"), 7, "a call start has no result: in"
                + " 't1 -> accept4(L, 0) = c1' drop '= c1' and write the result on a later 't1 <- RESULT' line");
        assertError(trace("+0.000000 t1 -> acept4(L, 0)"), 7, "unknown syscall 'acept4' in 't1 -> acept4(L, 0)'");
        assertError(trace("+0.000000 t1 -> accept4"), 7, "bad call in 't1 -> accept4': expected 't1 -> name(arg, ...)'");
        assertError(trace("+0.000000 task1 -> accept4(L, 0)"), 7, "bad task 'task1': expected 't' and digits, e.g. t1");
        assertError(trace("+0.000000 t1 -> accept4(L, 0)", "+0.000001 t1 <-"), 8,
                "missing result in 't1 <-': expected 't1 <- RESULT'");
    }

    // ---- packets and observations

    // ---- the end marker

    @Test
    void nothingButBlankLinesFollowsTheEndMarker() {
        String after = "after the end marker at line 8: the end marker is the last line of a trace";
        assertError(trace("+0.000000 listen(L, 2) = 0", "+0.000001 end", "+0.000002 close(L) = 0"), 9,
                "'+0.000002 close(L) = 0' " + after);
        assertError(trace("+0.000000 listen(L, 2) = 0", "+0.000001 end", "", "# a note"), 10, "'# a note' " + after);
        assertError(trace("+0.000000 listen(L, 2) = 0", "+0.000001 end", "+0.000001 end"), 9,
                "'+0.000001 end' " + after);
        assertError(trace("+0.000000 listen(L, 2) = 0", "+0.000001 end", "note: x"), 9, "'note: x' " + after);
    }

    @Test
    void badEndMarkers() {
        assertError(trace("+0.000005 listen(L, 2) = 0", "+0.000004 end"), 8,
                "end time +0.000004 goes backwards (previous +0.000005)");
        assertError(trace("+0.000000 listen(L, 2) = 0", "+0.0000001 end"), 8,
                "time +0.0000001 has more than 6 decimals: a trace counts microseconds");
        assertError(trace("+0.000000 listen(L, 2) = 0", "end"), 8, "expected an event '+SECONDS.MICROS ...', a comment '#...' or a blank line, got 'end'");
        assertError(trace("+0.000001 end now"), 7, "unknown event 'end now': expected a syscall, '<'/'>' packet,"
                + " task call/return, or observe");
        assertError(trace("+0.000001 en"), 7, "unknown event 'en': expected a syscall, '<'/'>' packet,"
                + " task call/return, or observe");
    }

    @Test
    void badPackets() {
        assertError(trace("+0.000000 < S"), 7, "bad packet '< S': expected '< FLAGS PEER', e.g. '< S. c1'");
        assertError(trace("+0.000000 > SYN c1"), 7,
                "bad TCP flags 'SYN': expected packetdrill flags from S F R P U E W and '.', e.g. S. or F.");
        assertError(trace("+0.000000 < S. 1c"), 7, "bad peer '1c': expected a name like c1");
    }

    @Test
    void badObservations() {
        assertError(trace("+0.000000 observe poll(L)"), 7, "observation 'observe poll(L)' has no key=value");
        assertError(trace("+0.000000 observe tcp_info(L) state=LISTEN state=CLOSE"), 7,
                "duplicate key 'state' in 'observe tcp_info(L) state=LISTEN state=CLOSE'");
        assertError(trace("+0.000000 observe tcp_info(L) LISTEN"), 7,
                "bad observation item 'LISTEN' in 'observe tcp_info(L) LISTEN': expected key=value");
        assertError(trace("+0.000000 observe tcp_info(L) state="), 7,
                "observation key 'state' has no value in 'observe tcp_info(L) state='");
        assertError(trace("+0.000000 observe"), 7, "bad observation 'observe':"
                + " expected 'observe WHAT(TARGET) key=value ...' or 'observe WHAT key=value ...'");
        assertError(trace("+0.000000 observe poll() revents=0"), 7, "empty target in 'observe poll() revents=0':"
                + " expected 'observe WHAT(TARGET) key=value ...' or 'observe WHAT key=value ...'");
    }

    // ---- files

    @Test
    void readNamesTheFileAsGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.trace");
        Files.writeString(file, trace("+0.000000 acept4(L, 0) = c1"));
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.read(file));
        assertEquals(file.toString(), e.file());
        assertEquals(file + ":7: unknown event 'acept4(L, 0) = c1': expected a syscall, '<'/'>' packet,"
                + " task call/return, or observe", e.getMessage());
    }
}
