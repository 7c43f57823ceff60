package kpath.check.tcp;

import java.nio.file.Files;
import java.nio.file.Path;
import kpath.check.CheckException;
import kpath.check.CheckReport;
import kpath.trace.TraceReader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Java checker alone on edited twins of committed traces (no TLC, so PIT runs these against
 * every mutant): where it rejects, what its report says, and which lines it refuses to read.
 * {@link TcpEditedTraceTest} and {@link TcpTimeEditedTraceTest} check the same kind of edits against
 * both checkers.
 */
class TcpTraceCheckerExamples {

    static final Path TUN = TcpEditedTraceTest.TRACE;
    static final Path TIMER = Path.of("traces", "tcp", "synack-retransmit-count.trace");
    static final Path POLL = Path.of("traces", "tcp", "listener-readiness.trace");
    static final Path BLOCKS = Path.of("traces", "tcp", "accept4-sock-nonblock-blocks.trace");

    static CheckReport java(String text) throws Exception {
        return TcpTraceChecker.check(TraceReader.parse(text, "edited.trace"), "edited.trace");
    }

    /** The Java checker rejects {@code e} at its edited line, and its report holds {@code says}. */
    static String rejected(TcpEditedTraceTest.Edited e, String... says) throws Exception {
        CheckReport r = java(e.text());
        assertFalse(r.accepted(), r::text);
        assertEquals(e.line(), r.divergenceLine(), r::text);
        for (String s : says) {
            assertTrue(r.text().contains(s), () -> "the report should say '" + s + "':\n" + r.text());
        }
        return r.text();
    }

    /** The message of the CheckException that reading {@code e} raises. */
    static String badInput(TcpEditedTraceTest.Edited e) {
        return assertThrows(CheckException.class, () -> java(e.text())).getMessage();
    }

    static TcpEditedTraceTest.Edited edit(Path trace, String marker, String... replacement) throws Exception {
        return TcpEditedTraceTest.edit(trace, marker, replacement);
    }

    @Test
    void theUneditedTwinsAreAccepted() throws Exception {
        for (Path p : java.util.List.of(TUN, TIMER, POLL, BLOCKS)) {
            CheckReport r = java(Files.readString(p));
            assertTrue(r.accepted(), r::text);
        }
    }

    @Nested
    class Rejections {
        @Test
        void aWrongAcceptResultIsRejectedWithWhatTheModelPredicted() throws Exception {
            rejected(edit(TUN, "accept4(L, 0) = c1", "accept4(L, 0) = c2"),
                    "       ^ no model state explains this line. Before it the model had 1 state(s); they predicted:\n"
                            + "           accept4(L, 0) → AcceptDequeue = c1   (accept queue [c1, c2], SYN queue 1, backlog 1)\n"
                            + "           not yet due at +0.285048: c3's request timer may not fire before +1.145551\n"
                            + "# trace REJECTED at line 61");
        }

        @Test
        void anyNonErrorResultMatchesADequeueButNotAnErrno() throws Exception {
            // '-' is "any non-error result" (SibylFS): c1 is one; EAGAIN from an empty queue is not
            CheckReport r = java(edit(TUN, "accept4(L, 0) = c1", "accept4(L, 0) = -").text());
            assertTrue(r.accepted(), r::text);
            rejected(edit(Path.of("traces", "tcp", "accept-empty-nonblock-eagain.trace"), "accept4(L, 0) = -1 EAGAIN",
                    "accept4(L, 0) = -"), "accept4(L, 0) → AcceptEagain = EAGAIN");
        }

        @Test
        void aSecondFinalAckOfAnAcceptedChildIsNotEnabled() throws Exception {
            // tcp_v4_rcv finds the established child, not the listener: the listener model has no such step
            rejected(edit(TUN, "accept4(L, 0) = c1", "accept4(L, 0) = c1", "< . c1"),
                    "< . c1 not enabled   (accept queue [c2], SYN queue 1, backlog 1)");
        }

        @Test
        void aWrongWokenAcceptResultIsRejected() throws Exception {
            rejected(edit(BLOCKS, "t1 <- c1", "t1 <- -1 EAGAIN"),
                    "inet_csk_wait_for_connect(L) → AcceptWakeupDequeue = c1   (accept queue [c1], SYN queue 0, backlog 1)");
        }

        @Test
        void aWrongObservationIsRejectedWithTheValuesTheModelShows() throws Exception {
            // c3's ACK into the full queue was dropped: backlog 1 holds 2, not 3
            TcpEditedTraceTest.Edited e = TcpEditedTraceTest.editAfter("< . c3", "unacked=2 sacked=1",
                    "observe tcp_info(L) state=LISTEN unacked=3 sacked=1");
            rejected(e, "observe tcp_info {sacked=1, state=LISTEN, unacked=2}   (accept queue [c1, c2], SYN queue 1, backlog 1)");
        }

        @Test
        void aWrongPollMaskIsRejectedWithTheMaskTheModelShowsByName() throws Exception {
            // a socket that is not listening polls as POLLOUT|POLLHUP (tcp_poll on TCP_CLOSE)
            rejected(edit(POLL, "observe poll(L) revents=POLLOUT|POLLHUP|POLLWRNORM", "observe poll(L) revents=0"),
                    "observe poll {revents=POLLOUT|POLLHUP|POLLWRNORM}");
        }

        @Test
        void aSynAckTheTunPeerNeverReadIsMissedAtTheHarnessesNextLine() throws Exception {
            // the harness drains the device after each action: c2's SYN-ACK must show before it observes
            rejected(edit(TUN, "> S. c2", "observe synrecv(L) count=2"), "they predicted:");
        }

        @Test
        void aTunPeerThatNeverSeesASynAckIsRejectedAtTheEnd() throws Exception {
            // cut right after c1's SYN: the kernel answered it with a SYN-ACK the trace never shows
            String text = Files.readString(TUN);
            String cut = text.substring(0, text.indexOf("\n", text.indexOf("< S c1")) + 1) + "+0.050000 end\n";
            CheckReport r = java(cut);
            assertFalse(r.accepted(), r::text);
            assertEquals(-1, r.divergenceLine());
            assertTrue(r.text().endsWith("       ^ at the end every model state still owes segments the trace never showed\n"
                    + "# trace REJECTED at end"), r::text);
        }
    }

    @Nested
    class BadInput {
        @Test
        void aCallOnAnFdOtherThanTheListenerIsBadInput() throws Exception {
            TcpEditedTraceTest.Edited e = edit(TUN, "accept4(L, 0) = c1", "accept4(zzz, 0) = c1");
            assertEquals("edited.trace:" + e.line() + ": accept4 on 'zzz': the TCP model's one fd is the listener L",
                    badInput(e));
        }

        @Test
        void eachCallTakesItsNumberOfArguments() throws Exception {
            String[][] calls = {
                    {"listen(L, 1) = 0", "listen(L, 1, 2) = 0", "listen takes 2 argument(s) in a TCP trace, not 3"},
                    {"fcntl(L, F_SETFL, O_NONBLOCK) = 0", "fcntl(L, F_SETFL, O_NONBLOCK, 1) = 0", "fcntl takes 3"},
                    {"accept4(L, 0) = c1", "accept4(L, 0, 0) = c1", "accept4 takes 2"},
                    {"close(L) = 0", "close(L, 0) = 0", "close takes 1"}};
            for (String[] c : calls) {
                TcpEditedTraceTest.Edited e = edit(c[0].startsWith("close") ? BLOCKS : TUN, c[0], c[1]);
                String m = badInput(e);
                assertTrue(m.startsWith("edited.trace:" + e.line() + ": " + c[2]), m);
            }
            TcpEditedTraceTest.Edited connect = edit(BLOCKS, "connect(c1) = -1 EINPROGRESS", "connect(c1, c2) = -1 EINPROGRESS");
            assertTrue(badInput(connect).endsWith(": connect takes 1 argument(s) in a TCP trace, not 2"));
        }

        @Test
        void anObservedCountIsANonNegative32BitInteger() throws Exception {
            String line = "observe tcp_info(L) state=LISTEN unacked=0 sacked=1";
            assertTrue(badInput(edit(BLOCKS, line, "observe tcp_info(L) state=LISTEN unacked=-1 sacked=1"))
                    .endsWith(": observe tcp_info: unacked='-1' is not a count (a non-negative 32-bit integer)"));
            assertTrue(badInput(edit(BLOCKS, line, "observe tcp_info(L) state=LISTEN unacked=0 sacked=2147483648"))
                    .endsWith(": observe tcp_info: sacked='2147483648' is not a count (a non-negative 32-bit integer)"));
            // the largest count reads; the model then disagrees with it
            rejected(edit(BLOCKS, line, "observe tcp_info(L) state=LISTEN unacked=2147483647 sacked=1"),
                    "observe tcp_info {sacked=1, state=LISTEN, unacked=0}");
            String netstat = "observe netstat ListenOverflows=0 ListenDrops=0";
            assertTrue(badInput(edit(TUN, netstat, "observe netstat ListenOverflows=0 ListenDrops=x"))
                    .endsWith(": observe netstat: ListenDrops='x' is not a count (a non-negative 32-bit integer)"));
        }

        @Test
        void aClientObservationNamesItsPeer() throws Exception {
            TcpEditedTraceTest.Edited e = edit(BLOCKS, "observe client(c1) state=ESTABLISHED", "observe client state=ESTABLISHED");
            assertEquals("edited.trace:" + e.line() + ": observe client needs a peer: client(c1)", badInput(e));
        }
    }

    /** Loopback clients connecting with nothing observed: the SYNs and ACKs may have arrived in any order. */
    static String unobservedConnects(int clients) throws Exception {
        StringBuilder out = new StringBuilder();
        int connects = 0;
        for (String l : Files.readAllLines(Path.of("traces", "tcp", "accept-queue-fill-100-clients.trace"))) {
            boolean keep = !l.startsWith("+") || l.contains("listen(") || (l.contains("connect(") && connects++ < clients);
            if (keep) {
                out.append(l).append("\n");
            }
        }
        return out + "+0.060000 observe tcp_info(L) state=LISTEN unacked=99 sacked=3\n";
    }

    @Nested
    class Reports {
        @Test
        void eightPredictionsOrFewerAreAllShown() throws Exception {
            String r = java(unobservedConnects(1)).text();
            assertTrue(r.contains("the model had 3 state(s); they predicted:\n"
                    + "           observe tcp_info {sacked=3, state=LISTEN, unacked=0}   (accept queue [], SYN queue 0, backlog 3)\n"
                    + "           observe tcp_info {sacked=3, state=LISTEN, unacked=0}   (accept queue [], SYN queue 1, backlog 3)\n"
                    + "           observe tcp_info {sacked=3, state=LISTEN, unacked=1}   (accept queue [c1], SYN queue 0, backlog 3)\n"
                    + "           not yet due"), r);
        }

        @Test
        void moreThanEightPredictionsShowTheFirstEightAndACount() throws Exception {
            String r = java(unobservedConnects(2)).text();
            assertTrue(r.contains("(accept queue [c1, c2], SYN queue 0, backlog 3)\n           … and 1 more\n"), r);
            // three timers not yet due are all listed
            assertTrue(r.contains("c2's request timer may not fire before +1.029014\n# trace"), r);
        }

        @Test
        void moreThanFourTimersNotYetDueShowTheFirstFour() throws Exception {
            String r = java(unobservedConnects(3)).text();
            assertTrue(r.contains("c2's request timer may not fire before +1.029014; …\n# trace"), r);
        }

        @Test
        void theCheckerGivesUpOnlyWhenMoreStatesThanItsLimitFit() throws Exception {
            // the rejected line above is reached with 3 states and no more before it
            kpath.trace.Trace t = TraceReader.parse(unobservedConnects(1), "edited.trace");
            CheckReport r = kpath.check.Replay.check(new TcpTraceChecker(t, "edited.trace", 3), t, "edited.trace");
            assertFalse(r.accepted(), r::text);
            CheckException e = assertThrows(CheckException.class,
                    () -> kpath.check.Replay.check(new TcpTraceChecker(t, "edited.trace", 2), t, "edited.trace"));
            assertTrue(e.getMessage().contains("more than 2 model states are consistent with the trace (3 when"), e::getMessage);
        }

        @Test
        void aRetransmissionBeforeTheInitialTimeoutIsRejectedAsNotYetDue() throws Exception {
            // armed after +0.006568 (the line before the SYN) for TCP_TIMEOUT_INIT
            TcpEditedTraceTest.Edited e = edit(TIMER, "+1.023177 > S. c1", "> S. c1");
            String early = e.text().replace("+1.023177 > S. c1", "+0.523177 > S. c1");
            rejected(new TcpEditedTraceTest.Edited(early, e.line()),
                    "not yet due at +0.523177: c1's request timer may not fire before +1.006568");
        }

        @Test
        void aRequestStillThereWellPastItsExpiryIsRuledOutByItsTimer() throws Exception {
            // the last timer (4 s after the retransmission at +3.039197) fires by +7.797134 with the tolerance
            String text = Files.readString(TIMER);
            // (a line's effect may come right after the line before it, so the late line needs one before it)
            String late = text.substring(0, text.indexOf("+7.302262")) + "+9.302262 observe tcp_info(L) state=LISTEN unacked=0 "
                    + "sacked=4\n+9.307315 observe synrecv(L) count=1\n";
            int line = (int) late.lines().count();
            rejected(new TcpEditedTraceTest.Edited(late, line), "\n           1 more state(s) were ruled out: "
                    + "c1's request timer (num_timeout 2) had to fire by +7.797134 (reqsk_timer_handler's deadline plus tolerance)\n");
        }
    }

    @Test
    void aCountIsOneToTenDecimalDigits() {
        assertTrue(TcpTraceSteps.digits("0", 10));
        assertTrue(TcpTraceSteps.digits("0123456789", 10));
        assertFalse(TcpTraceSteps.digits("", 10));
        assertFalse(TcpTraceSteps.digits("12345678901", 10));
        assertFalse(TcpTraceSteps.digits("1/", 10));     // '/' and ':' border the digits
        assertFalse(TcpTraceSteps.digits(":1", 10));
        assertFalse(TcpTraceSteps.digits("1a", 10));
    }
}
