package kpath.model.proc;

import kpath.uapi.Mask;

import java.util.List;
import java.util.Set;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;
import net.jqwik.api.Group;
import net.jqwik.api.Label;

import static kpath.uapi.Mask.*;
import static kpath.model.proc.ProcRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Fixed cases of the readiness model, each citing the kernel function it encodes. Method: drive the model call by call and assert each result
 * and what it copied out.
 */
class ReadinessExamples {

    /** An item registered for EPOLLIN reports just that: the file's mask & the stored mask (EW-13). */
    static final String IN_RD = "EPOLLIN";

    @Group
    @Label("level- and edge-triggered")
    class Triggering {
        @Example
        void levelTriggeredIsReportedUntilRead() { // LT-01, LT-04
            new R().pair("s0", "s1").epoll("e0").add("e0", "s0", IN).write("s1", 1)
                    .waitFor("e0", 8, "s0=" + IN_RD).waitFor("e0", 8, "s0=" + IN_RD)
                    .call(new Read("s0", 10), "1").expect(ReadUnix).waitFor("e0", 8);
        }

        @Example
        void edgeTriggeredIsReportedOncePerArrival() { // ET-01, ET-11
            new R().pair("s0", "s1").epoll("e0").add("e0", "s0", IN | ET).write("s1", 1)
                    .waitFor("e0", 8, "s0=" + IN_RD).waitFor("e0", 8)
                    .write("s1", 1).waitFor("e0", 8, "s0=" + IN_RD).waitFor("e0", 8);
        }

        @Example
        void edgeTriggeredReaderThatDoesNotDrainGetsNoSecondWakeup() { // ET-05
            R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN | ET).write("w0", 10)
                    .waitFor("e0", 8, "r0=" + IN_RD).call(new Read("r0", 5), "5").waitFor("e0", 8);
            r.poll("r0", IN | RDNORM, "POLLIN|POLLRDNORM");
        }

        @Example
        void oneshotDisarmsUntilModRearms() { // OS-01..03
            new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN | ONESHOT).write("w0", 1)
                    .waitFor("e0", 10, "r0=" + IN_RD).waitFor("e0", 10).write("w0", 1).waitFor("e0", 10)
                    .ctl("e0", Op.EPOLL_CTL_MOD, "r0", IN | ONESHOT, "0").waitFor("e0", 10, "r0=" + IN_RD)
                    .ctl("e0", Op.EPOLL_CTL_ADD, "r0", IN, "EEXIST");
        }

        @Example
        void oneshotDisarmedItemIgnoresEvenHangup() { // OS-02
            new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN | ONESHOT).write("w0", 1)
                    .waitFor("e0", 10, "r0=" + IN_RD).call(new Close("w0"), "0").waitFor("e0", 10);
        }

        @Example
        void maxeventsRotatesRoundRobin() { // EW-11
            R r = new R().pair("a0", "a1").pair("b0", "b1").pair("c0", "c1").epoll("e0")
                    .add("e0", "a0", IN).add("e0", "b0", IN).add("e0", "c0", IN)
                    .write("a1", 1).write("b1", 1).write("c1", 1);
            r.waitFor("e0", 1, "a0=" + IN_RD).waitFor("e0", 1, "b0=" + IN_RD).waitFor("e0", 1, "c0=" + IN_RD)
                    .waitFor("e0", 1, "a0=" + IN_RD).waitFor("e0", 2, "b0=" + IN_RD, "c0=" + IN_RD);
        }

        @Example
        void anItemThatIsNoLongerReadyIsDroppedNotCounted() { // EW-12
            new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN | ET).write("w0", 1)
                    .call(new Read("r0", 8), "1").waitFor("e0", 8);
        }

        @Example
        void addingAnAlreadyReadyFileQueuesItAtOnce() { // ECTL-13
            new R().pipe("r0", "w0").write("w0", 3).epoll("e0").add("e0", "r0", IN | ET)
                    .waitFor("e0", 8, "r0=" + IN_RD).waitFor("e0", 8);
        }

        @Example
        void modOfAHarvestedEdgeTriggeredItemReportsItAgain() { // ECTL-14
            new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN | ET).write("w0", 1)
                    .waitFor("e0", 8, "r0=" + IN_RD).ctl("e0", Op.EPOLL_CTL_MOD, "r0", IN | ET, "0")
                    .expect(EpollCtlMod).waitFor("e0", 8, "r0=" + IN_RD);
        }

        @Example
        void delOfAQueuedItemLosesItsEvent() { // ECTL-15
            new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN).write("w0", 1)
                    .ctl("e0", Op.EPOLL_CTL_DEL, "r0", 0, "0").expect(EpollCtlDel).waitFor("e0", 8)
                    .ctl("e0", Op.EPOLL_CTL_DEL, "r0", 0, "ENOENT");
        }

        @Example
        void errAndHupAreAlwaysReportedWhateverWasAsked() { // ECTL-10, FD-P2
            new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", 0).call(new Close("w0"), "0")
                    .expect(CloseRelease).waitFor("e0", 8, "r0=EPOLLHUP");
        }

        @Example
        void aMaskThatMissesTheWakeKeyDoesNotQueueTheItem() {
            // write wakes with EPOLLIN; an EPOLLOUT|EPOLLET item on the read end is not queued
            new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", OUT | ET).write("w0", 1).waitFor("e0", 8);
        }
    }

    @Group
    @Label("file kinds")
    class Files {
        @Example
        void pipeEnds() { // FD-P1..P4
            R r = new R().pipe("r0", "w0").poll("w0", OUT, "POLLOUT").poll("r0", IN, "0").write("w0", 2)
                    .poll("r0", IN | RDNORM, "POLLIN|POLLRDNORM").call(new Read("r0", 1), "1").call(new Read("r0", 9), "1")
                    .call(new Read("r0", 9), "EAGAIN").expect(ReadPipeEagain)
                    .call(new Close("w0"), "0").poll("r0", IN, "POLLHUP").call(new Read("r0", 9), "0").expect(ReadPipeEof);
            r.pipe("r1", "w1").call(new Close("r1"), "0").poll("w1", OUT, "POLLOUT|POLLERR")
                    .call(new Write("w1", 1), "EPIPE").expect(IoEpipe)
                    .call(new Write("r0", 1), "EBADF").call(new Read("w1", 1), "EBADF");
        }

        @Example
        void socketpairShutdownAndClose() { // FD-S1..S4
            R r = new R().pair("s0", "s1").epoll("e0").add("e0", "s0", IN | RDHUP)
                    .call(new Shutdown("s1", Shutdown.SHUT_WR), "0").expect(ShutdownUnix)
                    .waitFor("e0", 8, "s0=EPOLLIN|EPOLLRDHUP")
                    .call(new Read("s0", 4), "0").expect(ReadUnixEof)
                    .call(new Write("s1", 1), "EPIPE").call(new Close("s1"), "0")
                    .waitFor("e0", 8, "s0=EPOLLIN|EPOLLHUP|EPOLLRDHUP")
                    .poll("s0", OUT, "POLLOUT|POLLHUP");
            r.call(new Write("s0", 1), "EPIPE");
        }

        @Example
        void peerClosingWithUnreadDataResetsThisEndOnce() { // FD-S4
            new R().pair("s0", "s1").write("s0", 3).call(new Close("s1"), "0").poll("s0", IN | RDNORM | RDHUP, "POLLIN|POLLERR|POLLHUP|POLLRDNORM|POLLRDHUP")
                    .call(new Read("s0", 4), "ECONNRESET").expect(ReadUnixReset).call(new Read("s0", 4), "0");
        }

        @Example
        void shutdownReadOnOneEndStopsThePeersWrites() {
            new R().pair("s0", "s1").call(new Shutdown("s0", Shutdown.SHUT_RD), "0").call(new Write("s1", 1), "EPIPE")
                    .poll("s0", IN | RDHUP, "POLLIN|POLLRDHUP").call(new Shutdown("r9", 0), "EBADF");
        }

        @Example
        void partialReadsFreeNoSkbSoTheWriterGetsNoWriteSpaceEdge() {
            R r = new R().pair("s0", "s1").epoll("e0").add("e0", "s1", OUT | ET).waitFor("e0", 8, "s1=EPOLLOUT")
                    .write("s1", 4).write("s1", 4).call(new Read("s0", 2), "2").waitFor("e0", 8)
                    .call(new Read("s0", 4), "4").waitFor("e0", 8, "s1=EPOLLOUT");
            r.call(new Read("s0", 9), "2").waitFor("e0", 8, "s1=EPOLLOUT")
                    .call(new Read("s0", 9), "EAGAIN");
        }

        @Example
        void eventfdCounter() { // FD-E1, FD-E2, FD-E4
            R r = new R().eventfd("v0", 0, false).poll("v0", IN | OUT, "POLLOUT").call(new Write("v0", 3), "8")
                    .poll("v0", IN | OUT, "POLLIN|POLLOUT").call(new Read("v0", 8), "8").assertOut("value=3")
                    .call(new Read("v0", 8), "EAGAIN").call(new Read("v0", 4), "EINVAL")
                    .call(new Write("v0", -1L), "EINVAL").call(new Write("v0", -2L), "8")
                    .poll("v0", IN | OUT, "POLLIN").call(new Write("v0", 1), "EAGAIN");
            r.eventfd("v1", 2, true).call(new Read("v1", 8), "8").assertOut("value=1").call(new Read("v1", 8), "8")
                    .call(new Read("v1", 8), "EAGAIN");
        }

        @Example
        void eventfdEdgeTriggeredGetsAnEventPerWrite() {
            new R().eventfd("v0", 0, false).epoll("e0").add("e0", "v0", IN | ET).call(new Write("v0", 1), "8").call(new Write("v0", 1), "8")
                    .waitFor("e0", 8, "v0=EPOLLIN").call(new Write("v0", 1), "8").waitFor("e0", 8, "v0=EPOLLIN")
                    .waitFor("e0", 8);
        }

        @Example
        void eventfdReadWakesWritersWithOut() {
            new R().eventfd("v0", 5, false).epoll("e0").add("e0", "v0", OUT | ET).waitFor("e0", 8, "v0=EPOLLOUT")
                    .call(new Read("v0", 8), "8").waitFor("e0", 8, "v0=EPOLLOUT");
        }

        @Example
        void epollFilesNeitherReadNorWrite() {
            new R().epoll("e0").call(new Read("e0", 8), "EINVAL").call(new Write("e0", 8), "EINVAL")
                    .call(new Shutdown("e0", 1), "ENOTSOCK").expect(SockEnotsock);
        }
    }

    @Group
    @Label("epoll_ctl and epoll_wait errors")
    class Errors {
        @Example
        void ctlErrorsInTheKernelsOrder() { // ECTL-03..09
            R r = new R().pipe("r0", "w0").epoll("e0").epoll("e1").call(new Open("f0", 40), "f0:40")
                    .ctl("e0", Op.EPOLL_CTL_ADD, "f0", IN, "EPERM").ctl("w0", Op.EPOLL_CTL_ADD, "f0", IN, "EPERM")
                    .ctl("e0", Op.EPOLL_CTL_ADD, "e0", IN, "EINVAL").ctl("w0", Op.EPOLL_CTL_ADD, "r0", IN, "EINVAL")
                    .ctl("e0", Op.EPOLL_CTL_MOD, "r0", IN, "ENOENT").ctl("e0", Op.EPOLL_CTL_DEL, "r0", 0, "ENOENT")
                    .ctl("e0", Op.EPOLL_CTL_ADD, "r0", IN | EXCLUSIVE | ONESHOT, "EINVAL")
                    .ctl("e0", Op.EPOLL_CTL_ADD, "r0", IN | EXCLUSIVE | RDHUP, "EINVAL")
                    .ctl("e0", Op.EPOLL_CTL_ADD, "e1", IN | EXCLUSIVE, "EINVAL")
                    .ctl("e0", Op.EPOLL_CTL_MOD, "r0", IN | EXCLUSIVE, "EINVAL")
                    .ctl("e0", Op.INVALID, "r0", IN, "EINVAL")
                    .ctl("e0", Op.EPOLL_CTL_ADD, "r0", IN | EXCLUSIVE | ET, "0")
                    .ctl("e0", Op.EPOLL_CTL_MOD, "r0", IN, "EINVAL").ctl("e0", Op.EPOLL_CTL_ADD, "r0", IN, "EEXIST")
                    .ctl("e0", Op.EPOLL_CTL_DEL, "r0", 0, "0")
                    .call(new Close("w0"), "0").ctl("e0", Op.EPOLL_CTL_ADD, "w0", IN, "EBADF")
                    .ctl("zz", Op.EPOLL_CTL_ADD, "r0", IN, "EBADF");
            assertEquals(CopyOut.NONE, r.s.out());
        }

        @Example
        void cyclesAndDeepNestingAreEloop() { // ECTL-16..18
            R r = new R().pipe("r0", "w0");
            for (int i = 1; i <= 6; i++) {
                r.epoll("e" + i);
            }
            r.add("e1", "r0", IN).add("e2", "e1", IN).ctl("e1", Op.EPOLL_CTL_ADD, "e2", IN, "ELOOP").expect(EpollCtlEloop)
                    .add("e3", "e2", IN).add("e4", "e3", IN).add("e5", "e4", IN)
                    .ctl("e6", Op.EPOLL_CTL_ADD, "e5", IN, "ELOOP").ctl("e1", Op.EPOLL_CTL_ADD, "e5", IN, "ELOOP");
            // five levels over a pipe work: the write reaches the outermost (NEST-10)
            r.write("w0", 1).waitFor("e5", 8, "e4=" + IN_RD).waitFor("e1", 8, "r0=" + IN_RD);
        }

        @Example
        void anEpollAtTheTopOfAChainCannotGoUnderAnother() {
            R r = new R().epoll("a").epoll("b").epoll("c").epoll("d").epoll("e").epoll("f");
            r.add("b", "a", IN).add("c", "b", IN).add("d", "c", IN).add("e", "d", IN) // a is 4 levels down from e
                    .ctl("a", Op.EPOLL_CTL_ADD, "f", IN, "ELOOP"); // a already has 4 epolls above it
        }

        @Example
        void waitErrors() { // EW-01, EW-03
            new R().pipe("r0", "w0").epoll("e0").call(new EpollWait("e0", 0), "EINVAL").call(new EpollWait("e0", -1), "EINVAL")
                    .call(new EpollWait("r0", 1), "EINVAL").call(new EpollWait("x9", 0), "EBADF").expect(Ebadf);
        }

        @Example
        void namesAreFreshAndDupOfAClosedFdIsEbadf() {
            R r = new R().pipe("r0", "w0");
            assertTrue(Proc.successors(r.s, new Pipe2("r0", 50, "x", 51)).isEmpty());
            assertTrue(Proc.successors(r.s, new Pipe2("a", 50, "a", 51)).isEmpty());
            assertTrue(Proc.successors(r.s, new Dup("r0", "w0", 52)).isEmpty());
            assertTrue(Proc.successors(r.s, new Eventfd("r0", 52, 0, false)).isEmpty());
            r.call(new Close("r0"), "0").call(new Dup("r0", "r9", 52), "EBADF").call(new Close("r0"), "EBADF");
        }
    }

    @Group
    @Label("dup, close and nesting")
    class Nesting {
        @Example
        void eventsKeepArrivingUnderAClosedFdWhileADupHoldsTheFile() { // epoll(7) Q6
            R r = new R().pair("s0", "s1").epoll("e0").add("e0", "s0", IN).call(new Dup("s0", "s0d", 30), "s0d:30")
                    .add("e0", "s0d", IN).write("s1", 1) // callbacks run newest entry first (add_wait_queue at the head)
                    .waitFor("e0", 8, "s0d=" + IN_RD, "s0=" + IN_RD)
                    .ctl("e0", Op.EPOLL_CTL_DEL, "s0d", 0, "0").call(new Close("s0"), "0").expect(CloseFd)
                    .waitFor("e0", 8, "s0=" + IN_RD).write("s1", 1).waitFor("e0", 8, "s0=" + IN_RD);
            r.call(new Close("s0d"), "0").expect(CloseRelease).waitFor("e0", 8)
                    .ctl("e0", Op.EPOLL_CTL_DEL, "s0", 0, "EBADF");
        }

        @Example
        void nestedLevelAndEdgeCombinations() { // NEST-01..04
            assertEquals(List.of(1, 1), nested(0, 0));
            assertEquals(List.of(1, 1), nested(0, ET));
            assertEquals(List.of(1, 0), nested(ET, 0));
            assertEquals(List.of(1, 0), nested(ET, ET));
        }

        List<Integer> nested(int outer, int inner) {
            R r = new R().pair("s0", "s1").epoll("e0").epoll("e1").add("e1", "s0", IN | inner).add("e0", "e1", IN | outer)
                    .write("s1", 1);
            ProcState s1 = Proc.successors(r.s, new EpollWait("e0", 8)).getFirst().next();
            ProcState s2 = Proc.successors(s1, new EpollWait("e0", 8)).getFirst().next();
            return List.of((int) s1.ret(), (int) s2.ret());
        }

        @Example
        void pollingAnEpollDoesNotConsumeItsEvents() { // LT-03, ET-03
            new R().pair("s0", "s1").epoll("e0").add("e0", "s0", IN | ET).write("s1", 1)
                    .poll("e0", IN | RDNORM, "POLLIN|POLLRDNORM").poll("e0", IN, "POLLIN")
                    .waitFor("e0", 8, "s0=" + IN_RD).poll("e0", IN, "0").poll("e0", OUT, "0");
        }

        @Example
        void pollingAnEpollDropsQueuedItemsThatAreNoLongerReady() {
            R r = new R().pair("s0", "s1").pipe("r0", "w0").epoll("e0").add("e0", "s0", IN).add("e0", "r0", IN)
                    .write("s1", 1).write("w0", 1).call(new Read("s0", 1), "1");
            r.poll("e0", IN, "POLLIN");
            OpenFile.Epoll e = (OpenFile.Epoll) r.s.files().get("e0");
            assertEquals(List.of(new OpenFile.Key("r0", "r0")), e.rdllist());
            r.call(new Read("r0", 1), "1").poll("e0", IN, "0");
            assertEquals(List.of(), ((OpenFile.Epoll) r.s.files().get("e0")).rdllist());
        }

        @Example
        void closingAnEpollRemovesItFromItsWatchers() {
            new R().pair("s0", "s1").epoll("e0").epoll("e1").add("e1", "s0", IN).add("e0", "e1", IN).write("s1", 1)
                    .call(new Close("e1"), "0").waitFor("e0", 8);
        }
    }

    @Group
    @Label("poll and select")
    class PollSelect {
        @Example
        void pollReportsErrHupAlwaysNvalForClosedAndSkipsNegative() { // POLL-03..07
            R r = new R().pipe("r0", "w0").pipe("r1", "w1").write("w0", 1).call(new Close("w1"), "0");
            r.call(new Poll(List.of(new PollFd("r0", IN), new PollFd(null, IN), new PollFd("w1", IN),
                    new PollFd("r1", 0), new PollFd("w0", IN))), "3");
            assertEquals(List.of("r0=POLLIN", "w1=POLLNVAL", "r1=POLLHUP"), r.out());
        }

        @Example
        void selectCountsBitsAndMapsHupToReadable() { // SEL-01, SEL-03, SEL-11, SEL-12
            R r = new R().pair("s0", "s1").pipe("r0", "w0").write("s1", 1).call(new Close("w0"), "0")
                    .eventfd("v0", 0, false).epoll("e0").call(new Open("f0", 30), "f0:30");
            r.call(new Select(31, Set.of("s0", "r0", "v0", "f0"), Set.of("s0", "v0", "f0"), Set.of("s0", "e0")), "6")
                    .expect(SelectOk).assertOut("rd=f0|r0|s0", "wr=f0|s0|v0", "ex=-");
            r.call(new Select(-1, Set.of(), Set.of(), Set.of()), "EINVAL").expect(SelectEinval)
                    .call(new Select(31, Set.of("w0"), Set.of(), Set.of()), "EBADF")
                    // s0 is fd 3 and readable; w0 (closed, fd 6) is at or above nfds 4, so ignored (SEL-04)
                    .call(new Select(4, Set.of("w0", "s0"), Set.of(), Set.of()), "1").assertOut("rd=s0", "wr=-", "ex=-")
                    .call(new Select(3, Set.of("w0", "s0"), Set.of(), Set.of()), "0").assertOut("rd=-", "wr=-", "ex=-");
        }
    }

    @Example
    void theKernelNeverHandsOutANumberAnOpenFdHolds() {
        R r = new R().pipe("r0", "w0"); // r0 is fd 3, w0 fd 4
        assertTrue(Proc.successors(r.s, new Pipe2("a", 3, "b", 9)).isEmpty());
        assertTrue(Proc.successors(r.s, new Pipe2("a", 9, "b", 9)).isEmpty());
        assertTrue(Proc.successors(r.s, new Dup("r0", "d", 4)).isEmpty());
        r.call(new Close("w0"), "0").call(new Dup("r0", "d", 4), "d:4"); // 4 is free again
    }

    @Example
    void aStaleNameWhoseNumberWasReusedActsOnTheNewFd() {
        // w0 (fd 4) closes; x0 takes fd 4; epoll_ctl and close through the old name reach x0
        R r = new R().pipe("r0", "w0").call(new Close("w0"), "0").call(new Eventfd("x0", 4, 1, false), "x0:4").epoll("e0")
                .ctl("e0", Op.EPOLL_CTL_ADD, "w0", IN, "0").ctl("e0", Op.EPOLL_CTL_ADD, "x0", IN, "EEXIST")
                .waitFor("e0", 8, "x0=EPOLLIN");
        r.call(new Close("w0"), "0").ctl("e0", Op.EPOLL_CTL_DEL, "x0", 0, "EBADF");
    }

    @Example
    void masksPrintAndParseBothWays() {
        assertEquals("EPOLLIN|EPOLLRDNORM|EPOLLET", Mask.text(IN | RDNORM | ET, "EPOLL"));
        assertEquals("EPOLLEXCLUSIVE|EPOLLWAKEUP|EPOLLONESHOT", Mask.text(EXCLUSIVE | WAKEUP | ONESHOT, "EPOLL"));
        assertEquals("0", Mask.text(0, "POLL"));
        assertEquals(IN | OUT | RDHUP | ONESHOT | EXCLUSIVE | WAKEUP | ET, Mask.parse("POLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLONESHOT|EPOLLEXCLUSIVE|EPOLLWAKEUP|EPOLLET"));
        assertEquals(0, Mask.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Mask.parse("EPOLLBOGUS"));
        assertThrows(IllegalArgumentException.class, () -> Mask.parse("BOGUS"));
        assertEquals("pipe2(O_NONBLOCK) = r0:3,w0:4", new Pipe2("r0", 3, "w0", 4).toString());
        assertEquals("epoll_ctl(e0, EPOLL_CTL_DEL, r0, -)", new EpollCtl("e0", Op.EPOLL_CTL_DEL, "r0", 0).toString());
        assertEquals("epoll_ctl(e0, -1, r0, EPOLLIN)", new EpollCtl("e0", Op.INVALID, "r0", IN).toString());
        assertEquals("poll(r0=POLLIN, -1=POLLOUT, 0)", new Poll(List.of(new PollFd("r0", IN), new PollFd(null, OUT))).toString());
        assertEquals("select(5, a|b, -, c, 0)", new Select(5, Set.of("b", "a"), Set.of(), Set.of("c")).toString());
        assertEquals("shutdown(s0, SHUT_RDWR)", new Shutdown("s0", Shutdown.SHUT_RDWR).toString());
        assertEquals("eventfd(2, EFD_NONBLOCK|EFD_SEMAPHORE) = v0:5", new Eventfd("v0", 5, 2, true).toString());
    }

    @Example
    void statesRejectFdsOfReleasedFiles() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProcState(java.util.Map.of("a", 3), java.util.Map.of("a", "a"), java.util.Map.of(), 0, CopyOut.NONE));
    }
}
