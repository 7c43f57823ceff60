package kpath.model.tcp;

import kpath.uapi.Counter;

import java.util.List;
import java.util.Set;
import kpath.model.tcp.ListenState.SkState;
import kpath.model.tcp.TcpAction.*;
import net.jqwik.api.Example;
import net.jqwik.api.Group;
import net.jqwik.api.Label;

import static kpath.model.tcp.TcpRule.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Fixed cases of the passive-open model, one per rule and per common case, each citing the
 * kernel function it encodes. Method: drive the model step by step and assert rule, result and state.
 */
class TcpListenExamples {

    static final Sysctls DEFAULTS = Sysctls.linuxDefaults();

    @Group
    @Label("listen")
    class ListenCall {
        @Example
        void backlogAboveSomaxconnIsClampedSilently() {
            Run r = new Run(DEFAULTS.withSomaxconn(4)).expect(new Listen(100), ListenOk);
            assertEquals(4, r.state.skMaxAckBacklog());
            assertEquals("0", r.state.ret());
            assertEquals(SkState.TCP_LISTEN, r.state.skState());
        }

        @Example
        void negativeBacklogIsUnsignedSoItBecomesSomaxconn() {
            Run r = new Run(DEFAULTS.withSomaxconn(7)).expect(new Listen(-1), ListenOk);
            assertEquals(7, r.state.skMaxAckBacklog());
        }

        @Example
        void backlogEqualToSomaxconnIsKept() {
            assertEquals(7, TcpListen.clampBacklog(7, 7));
            assertEquals(6, TcpListen.clampBacklog(6, 7));
            assertEquals(7, TcpListen.clampBacklog(8, 7));
            assertEquals(0, TcpListen.clampBacklog(0, 7));
            assertEquals(7, TcpListen.clampBacklog(Integer.MIN_VALUE, 7));
        }

        @Example
        void eachObservableReadAloneIsWhatTheObservablesHold() { // the replay reads them one at a time
            Run r = Run.defaults("c1", "c2").expect(new Listen(2), ListenOk).establish("c1");
            TcpListen m = r.model;
            java.util.SortedMap<String, Object> all = m.observables(r.state);
            assertEquals(new java.util.TreeSet<>(TcpListen.OBSERVABLES), all.keySet());
            for (String name : TcpListen.OBSERVABLES) {
                assertEquals(all.get(name), m.observable(r.state, name));
            }
            assertEquals("ESTABLISHED", m.observable(r.state, "client", "c1"));
            assertEquals(((kpath.model.TlaFunction) all.get("client")).mapping().get("c2"), m.observable(r.state, "client", "c2"));
            assertEquals(null, m.observable(r.state, "client", "c9"));
            String counter = ((java.util.Map<?, ?>) all.get("netstat")).keySet().iterator().next().toString();
            assertEquals(((java.util.Map<?, ?>) all.get("netstat")).get(counter), m.observable(r.state, "netstat", counter));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.observable(r.state, "nosuch"));
        }

        @Example
        void relistenChangesTheBacklogAndKeepsTheQueue() {
            Run r = Run.defaults("c1", "c2").expect(new Listen(2), ListenOk).establish("c1", "c2")
                    .expect(new Listen(0), ListenOk);
            assertEquals(0, r.state.skMaxAckBacklog());
            assertEquals(List.of("c1", "c2"), r.state.acceptQueue());
        }

        @Example
        void listenOnAClosedFdIsEbadf() {
            Run r = Run.defaults().expect(new Close(), CloseListener).expect(new Listen(1), ListenEbadf);
            assertEquals("EBADF", r.state.ret());
            assertEquals(SkState.TCP_CLOSE, r.state.skState());
        }
    }

    @Group
    @Label("accept")
    class AcceptCall {
        @Example
        void acceptOnEmptyQueueWithNonblockReturnsEagain() {
            Run r = Run.defaults().expect(new Listen(1), ListenOk).expect(new Fcntl(true), FcntlSetfl)
                    .expect(new Accept4(false), AcceptEagain);
            assertEquals("EAGAIN", r.state.ret());
            assertFalse(r.state.acceptBlocked());
        }

        @Example
        void sockNonblockOnABlockingListenerBlocks() {
            Run r = Run.defaults().expect(new Listen(1), ListenOk).expect(new Accept4(true), AcceptBlock);
            assertTrue(r.state.acceptBlocked());
            assertEquals("BLOCKED", r.state.ret());
        }

        @Example
        void blockedAcceptIsWokenByAQueuedChild() {
            Run r = Run.defaults("c1").expect(new Listen(1), ListenOk).expect(new Accept4(false), AcceptBlock)
                    .disabled(new AcceptWakeup())
                    .disabled(new Listen(1)).disabled(new Close()).disabled(new Fcntl(true)).disabled(new Accept4(false))
                    .establish("c1").expect(new AcceptWakeup(), AcceptWakeupDequeue);
            assertEquals("c1", r.state.ret());
            assertFalse(r.state.acceptBlocked());
            assertEquals(Set.of("c1"), r.state.accepted());
            assertTrue(r.state.acceptQueue().isEmpty());
        }

        @Example
        void acceptReturnsTheOldestChildFirst() {
            Run r = Run.defaults("c1", "c2").expect(new Listen(5), ListenOk).establish("c2", "c1")
                    .expect(new Accept4(false), AcceptDequeue);
            assertEquals("c2", r.state.ret());
            assertEquals(List.of("c1"), r.state.acceptQueue());
            r.expect(new Fcntl(true), FcntlSetfl).expect(new Accept4(false), AcceptDequeue);
            assertEquals("c1", r.state.ret());
        }

        @Example
        void acceptOnANonListeningSocketIsEinval() {
            assertEquals("EINVAL", Run.defaults().expect(new Accept4(false), AcceptEinval).state.ret());
        }

        @Example
        void acceptOnAClosedFdIsEbadf() {
            assertEquals("EBADF", Run.defaults().expect(new Close(), CloseListener)
                    .expect(new Accept4(false), AcceptEbadf).state.ret());
        }

        @Example
        void fcntlOnAClosedFdIsEbadfAndClearingNonblockMakesAcceptBlockAgain() {
            Run r = Run.defaults().expect(new Listen(0), ListenOk).expect(new Fcntl(true), FcntlSetfl)
                    .expect(new Fcntl(false), FcntlSetfl);
            assertFalse(r.state.oNonblock());
            r.expect(new Accept4(false), AcceptBlock);
            assertEquals("EBADF", Run.defaults().expect(new Close(), CloseListener)
                    .expect(new Fcntl(true), FcntlEbadf).state.ret());
        }
    }

    @Group
    @Label("accept queue")
    class AcceptQueueFull {
        @Example
        void backlogOfNHoldsNPlusOneChildren() {
            Run r = Run.defaults("c1", "c2", "c3").expect(new Listen(1), ListenOk).establish("c1", "c2");
            assertEquals(2, r.state.skAckBacklog());
            r.expect(new Connect("c3"), ConnectInProgress).expect(new SynArrives("c3"), SynAcceptQueueFullDrop);
            assertEquals(1, r.counter(Counter.ListenOverflows));
            assertEquals(1, r.counter(Counter.ListenDrops));
            assertEquals(Set.of("c3"), r.state.dropped());
            assertEquals(ClientState.SYN_SENT, r.state.client().get("c3"));
            assertTrue(r.state.tx().isEmpty());
        }

        @Example
        void backlogZeroStillTakesOneConnection() {
            Run r = Run.defaults("c1", "c2").expect(new Listen(0), ListenOk).establish("c1");
            assertEquals(List.of("c1"), r.state.acceptQueue());
            r.expect(new SynArrives("c2"), SynAcceptQueueFullDrop);
        }

        @Example
        void droppedSynIsRetriedAndAdmittedOnceAcceptMadeRoom() {
            Run r = Run.defaults("c1", "c2").expect(new Listen(0), ListenOk).establish("c1")
                    .expect(new Connect("c2"), ConnectInProgress).expect(new SynArrives("c2"), SynAcceptQueueFullDrop)
                    .expect(new Accept4(false), AcceptDequeue)
                    .expect(new SynArrives("c2"), SynQueueAdd).expect(new AckArrives("c2"), AckToAcceptQueue);
            assertEquals(List.of("c2"), r.state.acceptQueue());
            assertTrue(r.state.dropped().isEmpty());
        }

        @Example
        void finalAckIntoAFullQueueIsDroppedAndTheRequestRemembersIt() {
            Run r = Run.defaults("c1", "c2", "c3").expect(new Listen(1), ListenOk)
                    .expect(new SynArrives("c3"), SynQueueAdd).establish("c1", "c2")
                    .expect(new AckArrives("c3"), AckAcceptQueueFullDrop);
            assertEquals(Set.of(new RequestSock("c3", 0, true)), r.state.synQueue());
            assertEquals(1, r.counter(Counter.ListenOverflows));
            assertEquals(1, r.counter(Counter.ListenDrops));
            assertEquals(ClientState.ESTABLISHED, r.state.client().get("c3"));
            // a later ACK after accept made room completes it
            r.expect(new Accept4(false), AcceptDequeue).expect(new AckArrives("c3"), AckToAcceptQueue);
            assertEquals(List.of("c2", "c3"), r.state.acceptQueue());
        }

        @Example
        void finalAckIntoAFullQueueWithAbortOnOverflowResetsThePeer() {
            Run r = new Run(DEFAULTS.withTcpAbortOnOverflow(1), "c1", "c2", "c3").expect(new Listen(1), ListenOk)
                    .expect(new SynArrives("c3"), SynQueueAdd).establish("c1", "c2")
                    .expect(new AckArrives("c3"), AckAcceptQueueFullReset);
            assertEquals(ClientState.RESET, r.state.client().get("c3"));
            assertEquals(Set.of("c3"), r.state.reset());
            assertTrue(r.state.synQueue().isEmpty());
            assertEquals(List.of(new Segment("R", "c3")), r.state.tx());
            assertEquals(1, r.counter(Counter.EmbryonicRsts));
            assertEquals(1, r.counter(Counter.ListenOverflows));
            assertEquals(1, r.counter(Counter.ListenDrops));
        }
    }

    @Group
    @Label("SYN queue and syncookies")
    class SynQueue {
        @Example
        void synQueueHoldsBacklogPlusOneThenSendsCookies() {
            Run r = Run.defaults("c1", "c2", "c3").expect(new Listen(1), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd).expect(new SynArrives("c2"), SynQueueAdd)
                    .expect(new SynArrives("c3"), SynCookieSent);
            assertEquals(2, r.state.reqskQueueLen());
            assertEquals(Set.of("c3"), r.state.cookie());
            assertEquals(1, r.counter(Counter.TCPReqQFullDoCookies));
            assertEquals(1, r.counter(Counter.SyncookiesSent));
            assertTrue(r.state.synqOverflow());
            assertEquals(List.of(new Segment("S.", "c3")), r.state.tx());
            assertEquals(ClientState.ESTABLISHED, r.state.client().get("c3"));
        }

        @Example
        void beforeThe2025FixTheSynQueueHeldOnlyBacklog() {
            Run r = new Run(DEFAULTS, KernelProfile.LINUX_6_5_TO_6_12, "c1", "c2").expect(new Listen(1), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd).expect(new SynArrives("c2"), SynCookieSent);
            assertEquals(1, r.state.reqskQueueLen());
        }

        @Example
        void listenZeroWithoutSyncookiesTookNoConnectionBeforeTheFix() {
            new Run(DEFAULTS.withTcpSyncookies(0), KernelProfile.LINUX_4_4_TO_6_4, "c1").expect(new Listen(0), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueFullDrop);
            new Run(DEFAULTS.withTcpSyncookies(0), "c1").expect(new Listen(0), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd);
        }

        @Example
        void fullSynQueueWithoutSyncookiesDropsAndCounts() {
            Run r = new Run(DEFAULTS.withTcpSyncookies(0), "c1", "c2", "c3").expect(new Listen(1), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd).expect(new SynArrives("c2"), SynQueueAdd)
                    .expect(new SynArrives("c3"), SynQueueFullDrop);
            assertEquals(1, r.counter(Counter.TCPReqQFullDrop));
            assertEquals(1, r.counter(Counter.ListenDrops));
            assertEquals(0, r.counter(Counter.TCPReqQFullDoCookies));
            assertFalse(r.state.synqOverflow());
            assertTrue(r.state.tx().isEmpty());
        }

        @Example
        void syncookiesTwoSendsACookieForEverySyn() {
            Run r = new Run(DEFAULTS.withTcpSyncookies(2), "c1").expect(new Listen(10), ListenOk)
                    .expect(new SynArrives("c1"), SynCookieSent);
            assertEquals(0, r.state.reqskQueueLen());
            assertEquals(1, r.counter(Counter.TCPReqQFullDoCookies));
            r.expect(new AckArrives("c1"), CookieAckToAcceptQueue);
            assertEquals(1, r.counter(Counter.SyncookiesRecv));
            assertEquals(List.of("c1"), r.state.acceptQueue());
            assertTrue(r.state.cookie().isEmpty());
        }

        @Example
        void cookieSynIntoAFullAcceptQueueCountsBothDoCookiesAndOverflow() {
            Run r = new Run(DEFAULTS.withTcpSyncookies(2), "c1", "c2").expect(new Listen(0), ListenOk)
                    .expect(new SynArrives("c1"), SynCookieSent).expect(new AckArrives("c1"), CookieAckToAcceptQueue)
                    .expect(new SynArrives("c2"), SynAcceptQueueFullDrop);
            assertEquals(2, r.counter(Counter.TCPReqQFullDoCookies));
            assertEquals(1, r.counter(Counter.ListenOverflows));
            assertEquals(1, r.counter(Counter.SyncookiesSent));
        }

        @Example
        void cookieAckIntoAFullAcceptQueueIsDroppedWithoutReset() {
            Run r = new Run(DEFAULTS.withTcpSyncookies(2).withTcpAbortOnOverflow(1), "c1", "c2", "c3")
                    .expect(new Listen(0), ListenOk)
                    .expect(new SynArrives("c1"), SynCookieSent).expect(new SynArrives("c2"), SynCookieSent)
                    .expect(new AckArrives("c1"), CookieAckToAcceptQueue)
                    .expect(new AckArrives("c2"), CookieAckAcceptQueueFullDrop);
            assertEquals(Set.of("c2"), r.state.cookie());
            assertEquals(2, r.counter(Counter.SyncookiesRecv));
            assertEquals(1, r.counter(Counter.ListenOverflows));
            assertEquals(1, r.counter(Counter.ListenDrops));
            assertTrue(r.state.tx().isEmpty());
        }

        @Example
        void lastQuarterOfMaxSynBacklogDropsWithoutSyncookies() {
            // admits while max_syn_backlog - qlen >= max_syn_backlog / 4: with 4, qlen up to 3 admits a 4th
            Run r = new Run(DEFAULTS.withTcpSyncookies(0).withTcpMaxSynBacklog(4), "c1", "c2", "c3", "c4", "c5")
                    .expect(new Listen(100), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd).expect(new SynArrives("c2"), SynQueueAdd)
                    .expect(new SynArrives("c3"), SynQueueAdd).expect(new SynArrives("c4"), SynQueueAdd)
                    .expect(new SynArrives("c5"), SynMaxSynBacklogDrop);
            assertEquals(4, r.state.reqskQueueLen());
            assertEquals(1, r.counter(Counter.ListenDrops));
            assertEquals(0, r.counter(Counter.TCPReqQFullDrop));
        }

        @Example
        void lastQuarterRuleDoesNotApplyWithSyncookies() {
            new Run(DEFAULTS.withTcpMaxSynBacklog(4), "c1", "c2", "c3", "c4", "c5").expect(new Listen(100), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd).expect(new SynArrives("c2"), SynQueueAdd)
                    .expect(new SynArrives("c3"), SynQueueAdd).expect(new SynArrives("c4"), SynQueueAdd)
                    .expect(new SynArrives("c5"), SynQueueAdd);
        }

        @Example
        void synToANonListeningSocketIsRefused() {
            Run r = Run.defaults("c1").expect(new Connect("c1"), ConnectInProgress)
                    .expect(new SynArrives("c1"), SynRefused);
            assertEquals(ClientState.RESET, r.state.client().get("c1"));
            assertEquals(List.of(new Segment("R", "c1")), r.state.tx());
            assertEquals(Set.of("c1"), r.state.reset());
            assertTrue(r.state.synSent().isEmpty());
        }

        @Example
        void aSynIsNotReprocessedWhileTheListenerHoldsState() {
            Run.defaults("c1").expect(new Listen(1), ListenOk).expect(new SynArrives("c1"), SynQueueAdd)
                    .disabled(new SynArrives("c1")).disabled(new Connect("c1"))
                    .expect(new AckArrives("c1"), AckToAcceptQueue).disabled(new SynArrives("c1"))
                    .disabled(new AckArrives("c1"));
        }

        @Example
        void unknownPeerActionsAreNotEnabled() {
            Run.defaults("c1").disabled(new SynArrives("zz")).disabled(new AckArrives("zz"))
                    .disabled(new AckArrives("c1")).disabled(new RstArrives("c1")).disabled(new SynAckTimer("c1"));
        }
    }

    @Group
    @Label("SYN-ACK timer")
    class Timer {
        @Example
        void synAckIsRetransmittedRetriesTimesThenTheRequestExpiresSilently() {
            Run r = new Run(DEFAULTS.withTcpSynackRetries(2), "c1").expect(new Listen(1), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd)
                    .expect(new SynAckTimer("c1"), SynAckRetransmit);
            assertEquals(List.of(new Segment("S.", "c1")), r.state.tx());
            assertEquals(0, r.state.reqskQueueYoung());
            r.expect(new SynAckTimer("c1"), SynAckRetransmit);
            assertEquals(Set.of(new RequestSock("c1", 2, false)), r.state.synQueue());
            r.expect(new SynAckTimer("c1"), SynAckExpire);
            assertTrue(r.state.synQueue().isEmpty());
            assertTrue(r.state.tx().isEmpty());
            assertEquals(Set.of("c1"), r.state.dropped());
            assertEquals(ClientState.ESTABLISHED, r.state.client().get("c1"));
        }

        @Example
        void ackAfterExpiryIsResetWithoutRecentCookies() {
            Run r = new Run(DEFAULTS.withTcpSynackRetries(0), "c1").expect(new Listen(1), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd).expect(new SynAckTimer("c1"), SynAckExpire)
                    .expect(new AckArrives("c1"), AckNoRequestReset);
            assertEquals(ClientState.RESET, r.state.client().get("c1"));
            assertEquals(List.of(new Segment("R", "c1")), r.state.tx());
            // reset, so no longer an expired request whose ACK may still come
            assertEquals(Set.of("c1"), r.state.reset());
            assertTrue(r.state.dropped().isEmpty());
        }

        @Example
        void ackAfterExpiryIsACookieFailureAfterRecentCookies() {
            Run r = new Run(DEFAULTS.withTcpSynackRetries(0), "c1", "c2", "c3").expect(new Listen(0), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd).expect(new SynArrives("c2"), SynCookieSent)
                    .expect(new SynAckTimer("c1"), SynAckExpire)
                    .expect(new AckArrives("c1"), CookieAckInvalid);
            assertEquals(1, r.counter(Counter.SyncookiesFailed));
            assertEquals(ClientState.ESTABLISHED, r.state.client().get("c1"));
            assertTrue(r.state.tx().isEmpty());
            // without syncookies the same ACK is reset, stamp or not
            new Run(DEFAULTS.withTcpSynackRetries(0).withTcpSyncookies(0), "c1").expect(new Listen(0), ListenOk)
                    .expect(new SynArrives("c1"), SynQueueAdd).expect(new SynAckTimer("c1"), SynAckExpire)
                    .expect(new AckArrives("c1"), AckNoRequestReset);
        }

        @Example
        void oldRequestsGetFewerRetriesWhenTheSynQueueIsLarge() {
            // 10 requests, backlog 10: 2*qlen=20 > max(8, 10); none young → retries drop to 2.
            String[] cs = new String[10];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = "c" + i;
            }
            Run r = new Run(DEFAULTS.withTcpSynackRetries(5), cs).expect(new Listen(10), ListenOk);
            for (String c : cs) {
                r.expect(new SynArrives(c), SynQueueAdd);
            }
            assertEquals(5, TcpListen.maxSynAckRetries(r.state)); // all young: 20 young*2 > qlen
            for (String c : cs) {
                r.expect(new SynAckTimer(c), SynAckRetransmit);
            }
            assertEquals(2, TcpListen.maxSynAckRetries(r.state));
            r.expect(new SynAckTimer("c0"), SynAckRetransmit).expect(new SynAckTimer("c0"), SynAckExpire);
        }

        @Example
        void retryLimitStepsDownOneYoungHalvingAtATime() {
            // qlen 10 with 3 young: young*2=6 <= 10 → 4; 12 > 10 → stop at 4.
            String[] cs = new String[10];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = "c" + i;
            }
            Run r = new Run(DEFAULTS.withTcpSynackRetries(5), cs).expect(new Listen(10), ListenOk);
            for (String c : cs) {
                r.expect(new SynArrives(c), SynQueueAdd);
            }
            for (int i = 0; i < 7; i++) {
                r.expect(new SynAckTimer(cs[i]), SynAckRetransmit);
            }
            assertEquals(3, r.state.reqskQueueYoung());
            assertEquals(4, TcpListen.maxSynAckRetries(r.state));
        }

        @Example
        void halfTheQueueYoungStillLowersTheLimitOnce() {
            // qlen 10 with 5 young: "if (qlen < young) break" is strict, so young*2 = 10 steps down to 4; then 20 > 10.
            String[] cs = new String[10];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = "c" + i;
            }
            Run r = new Run(DEFAULTS.withTcpSynackRetries(5), cs).expect(new Listen(10), ListenOk);
            for (String c : cs) {
                r.expect(new SynArrives(c), SynQueueAdd);
            }
            for (int i = 0; i < 5; i++) {
                r.expect(new SynAckTimer(cs[i]), SynAckRetransmit);
            }
            assertEquals(5, r.state.reqskQueueYoung());
            assertEquals(4, TcpListen.maxSynAckRetries(r.state));
        }

        @Example
        void smallQueuesKeepTheFullRetryCount() {
            // qlen 4: 2*4 = 8 is not > max(8, B), so no reduction even with no young requests.
            Run r = new Run(DEFAULTS.withTcpSynackRetries(5), "a", "b", "c", "d").expect(new Listen(4), ListenOk);
            for (String c : List.of("a", "b", "c", "d")) {
                r.expect(new SynArrives(c), SynQueueAdd).expect(new SynAckTimer(c), SynAckRetransmit);
            }
            assertEquals(5, TcpListen.maxSynAckRetries(r.state));
        }
    }

    @Group
    @Label("close and reset")
    class CloseAndReset {
        @Example
        void closingTheListenerResetsEveryQueuedChild() {
            Run r = Run.defaults("c1", "c2", "c3").expect(new Listen(5), ListenOk).establish("c1", "c2")
                    .expect(new SynArrives("c3"), SynQueueAdd)
                    .expect(new Close(), CloseListener);
            assertEquals(List.of(new Segment("R", "c1"), new Segment("R", "c2")), r.state.tx());
            assertEquals(Set.of("c1", "c2"), r.state.reset());
            assertEquals(ClientState.RESET, r.state.client().get("c1"));
            assertTrue(r.state.fdClosed());
            assertEquals(1, r.state.reqskQueueLen()); // requests linger until timer or ACK
            r.expect(new AckArrives("c3"), AckNoListenerReset);
            assertEquals(ClientState.RESET, r.state.client().get("c3"));
            assertTrue(r.state.synQueue().isEmpty());
            r.expect(new Close(), CloseEbadf);
        }

        @Example
        void aQueuedChildWhosePeerAlreadyResetGetsNoSecondReset() {
            Run r = Run.defaults("c1").expect(new Listen(5), ListenOk).establish("c1")
                    .expect(new RstArrives("c1"), RstQueuedChild).expect(new Close(), CloseListener);
            assertTrue(r.state.tx().isEmpty());
            assertEquals(ClientState.CLOSED, r.state.client().get("c1"));
            assertEquals(Set.of("c1"), r.state.reset());
        }

        @Example
        void requestTimerAfterCloseDropsSilently() {
            Run r = Run.defaults("c1").expect(new Listen(5), ListenOk).expect(new SynArrives("c1"), SynQueueAdd)
                    .expect(new Close(), CloseListener).expect(new SynAckTimer("c1"), SynAckTimerListenerGone);
            assertEquals(Set.of("c1"), r.state.dropped());
            assertEquals(0, r.state.reqskQueueLen()); // reqsk_timer_handler drop: inet_csk_reqsk_queue_drop_and_put
            assertTrue(r.state.tx().isEmpty());
            r.expect(new AckArrives("c1"), AckNoListenerReset);
        }

        @Example
        void peerResetOfAQueuedChildLeavesItAcceptable() {
            Run r = Run.defaults("c1").expect(new Listen(5), ListenOk).establish("c1")
                    .expect(new RstArrives("c1"), RstQueuedChild).expect(new Accept4(false), AcceptDequeue);
            assertEquals("c1", r.state.ret());
            assertEquals(0, r.counter(Counter.EmbryonicRsts));
        }

        @Example
        void peerResetOfARequestDropsItAndCountsEmbryonicRsts() {
            Run r = Run.defaults("c1").expect(new Listen(5), ListenOk).expect(new SynArrives("c1"), SynQueueAdd)
                    .expect(new RstArrives("c1"), RstDropsRequest);
            assertTrue(r.state.synQueue().isEmpty());
            assertEquals(1, r.counter(Counter.EmbryonicRsts));
            assertEquals(ClientState.CLOSED, r.state.client().get("c1"));
            assertTrue(r.state.tx().isEmpty());
            r.disabled(new RstArrives("c1"));
        }

        @Example
        void cookieAckAfterCloseIsReset() {
            new Run(DEFAULTS.withTcpSyncookies(2), "c1").expect(new Listen(5), ListenOk)
                    .expect(new SynArrives("c1"), SynCookieSent).expect(new Close(), CloseListener)
                    .expect(new AckArrives("c1"), AckNoListenerReset);
        }
    }

    @Group
    @Label("model plumbing")
    class Plumbing {
        @Example
        void everyActionPrintsAsItsTraceLine() {
            assertEquals("listen(L, -1)", new Listen(-1).toString());
            assertEquals("accept4(L, SOCK_NONBLOCK)", new Accept4(true).toString());
            assertEquals("accept4(L, 0)", new Accept4(false).toString());
            assertEquals("fcntl(L, F_SETFL, O_NONBLOCK)", new Fcntl(true).toString());
            assertEquals("fcntl(L, F_SETFL, 0)", new Fcntl(false).toString());
            assertEquals("close(L)", new Close().toString());
            assertEquals("connect(c1)", new Connect("c1").toString());
            assertEquals("< S c1", new SynArrives("c1").toString());
            assertEquals("< . c1", new AckArrives("c1").toString());
            assertEquals("< R c1", new RstArrives("c1").toString());
            assertEquals("~ reqsk_timer_handler(c1)", new SynAckTimer("c1").toString());
            assertEquals("~ inet_csk_wait_for_connect(L)", new AcceptWakeup().toString());
            assertEquals("> S. c1", new Segment("S.", "c1").toString());
        }

        @Example
        void initialStatesAreOnePerSysctlChoice() {
            var model = new TcpListen(new TcpBounds(List.of("c1"), List.of(0),
                    Set.of(DEFAULTS, DEFAULTS.withTcpSyncookies(0)), KernelProfile.LINUX_6_13_ON));
            assertEquals(2, model.initialStates().size());
            assertEquals(5 + 7, model.actions(model.initialStates().iterator().next()).size());
        }

        @Example
        void profilesFollowTheRelease() {
            assertEquals(KernelProfile.LINUX_6_13_ON, KernelProfile.forRelease("6.18.44-fc-v657"));
            assertEquals(KernelProfile.LINUX_6_13_ON, KernelProfile.forRelease("6.13"));
            assertEquals(KernelProfile.LINUX_6_13_ON, KernelProfile.forRelease("7.0.1"));
            assertEquals(KernelProfile.LINUX_6_5_TO_6_12, KernelProfile.forRelease("6.12.9"));
            assertEquals(KernelProfile.LINUX_6_5_TO_6_12, KernelProfile.forRelease("6.5"));
            assertEquals(KernelProfile.LINUX_4_4_TO_6_4, KernelProfile.forRelease("6.4.16"));
            assertEquals(KernelProfile.LINUX_4_4_TO_6_4, KernelProfile.forRelease("5.10.223"));
            assertThrows(IllegalArgumentException.class, () -> KernelProfile.forRelease("banana"));
        }

        @Example
        void sysctlsRejectValuesTheKernelRejects() {
            assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withTcpSyncookies(3));
            assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withTcpAbortOnOverflow(2));
            assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withSomaxconn(-1));
            assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withTcpSyncookies(-1));
            assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withTcpAbortOnOverflow(-1));
            assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withTcpMaxSynBacklog(-1));
            assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withTcpSynackRetries(-1));
            assertEquals(2, DEFAULTS.withTcpSyncookies(2).tcpSyncookies());
        }

        @Example
        void countersIncrementIndependently() {
            Counters c = Counters.zero().inc(Counter.ListenDrops, Counter.ListenDrops, Counter.EmbryonicRsts);
            assertEquals(2, c.get(Counter.ListenDrops));
            assertEquals(1, c.get(Counter.EmbryonicRsts));
            assertEquals(0, c.get(Counter.ListenOverflows));
            assertEquals(2, c.max());
            assertEquals(0, Counters.zero().max());
            assertNotEquals(Counters.zero(), c);
            assertEquals(Counters.zero().inc(Counter.ListenDrops), Counters.zero().inc(Counter.ListenDrops));
            assertEquals(Counters.zero().hashCode(), Counters.zero().hashCode());
            assertTrue(c.toString().contains("ListenDrops=2") && c.toString().contains("ListenOverflows=0"), c::toString);
        }

        @Example
        void statesRejectImpossibleShapes() {
            assertThrows(IllegalArgumentException.class, () -> new RequestSock("c1", -1, false));
            ListenState s = ListenState.initial(DEFAULTS, List.of("c1"));
            assertThrows(IllegalArgumentException.class, () -> new ListenState(s.sysctl(), SkState.TCP_LISTEN, true, 0,
                    false, false, Set.of(), Set.of(), List.of(), Set.of(), Set.of(), Set.of(), Set.of(), s.client(),
                    s.counters(), false, "-", List.of()));
            assertThrows(IllegalArgumentException.class, () -> new ListenState(s.sysctl(), SkState.TCP_CLOSE, false, -1,
                    false, false, Set.of(), Set.of(), List.of(), Set.of(), Set.of(), Set.of(), Set.of(), s.client(),
                    s.counters(), false, "-", List.of()));
            assertThrows(IllegalArgumentException.class, () -> new ListenState(s.sysctl(), SkState.TCP_CLOSE, true, 0,
                    false, true, Set.of(), Set.of(), List.of(), Set.of(), Set.of(), Set.of(), Set.of(), s.client(),
                    s.counters(), false, "-", List.of()));
        }
    }

    @Group
    @Label("the spec's shapes")
    class SpecShapes {
        @Example
        void aStateReadsAsTcpListenTlaHoldsIt() {
            Run r = new Run(DEFAULTS.withSomaxconn(4), "c1", "c2").expect(new Listen(1), ListenOk)
                    .expect(new Connect("c1"), ConnectInProgress).expect(new SynArrives("c1"), SynQueueAdd);
            java.util.Map<String, Object> v = r.model.variables(r.state);
            assertEquals(java.util.Map.of("somaxconn", 4, "tcpMaxSynBacklog", DEFAULTS.tcpMaxSynBacklog(),
                    "tcpSyncookies", DEFAULTS.tcpSyncookies(), "tcpAbortOnOverflow", DEFAULTS.tcpAbortOnOverflow(),
                    "tcpSynackRetries", DEFAULTS.tcpSynackRetries()), v.get("sysctl"));
            assertEquals("TCP_LISTEN", v.get("skState"));
            assertEquals(1, v.get("skMaxAckBacklog"));
            assertEquals(Set.of(java.util.Map.of("client", "c1", "numTimeout", 0, "acked", false)), v.get("synQueue"));
            assertEquals(List.of(java.util.Map.of("flags", "S.", "client", "c1")), v.get("tx"));
            assertEquals(new kpath.model.TlaFunction(java.util.Map.of("c1", "ESTABLISHED", "c2", "IDLE")), v.get("client"));
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> counters = (java.util.Map<String, Object>) v.get("counters");
            assertEquals(Counter.values().length, counters.size());
            assertEquals(0, counters.get("ListenOverflows"));
            java.util.Map<String, Object> o = r.model.observables(r.state);
            assertEquals(1, o.get("synrecv"));
            assertEquals(0, o.get("unacked"));
            assertEquals(1, o.get("sacked"));
            assertEquals("LISTEN", o.get("tcpInfoState"));
            assertEquals(counters, o.get("netstat"));
            assertEquals(v.get("client"), o.get("client"));
        }
    }

    @Example
    void theSynQueueFixLandedIn6_13() { // 3479c7549fb1, first in v6.13
        assertEquals(KernelProfile.LINUX_6_13_ON, KernelProfile.forRelease("6.13.0"));
        assertEquals(KernelProfile.LINUX_6_5_TO_6_12, KernelProfile.forRelease("6.12.58"));
        assertEquals(KernelProfile.LINUX_6_13_ON, KernelProfile.forRelease("7.0"));
        assertEquals(KernelProfile.LINUX_6_13_ON, KernelProfile.forRelease("7"));
        assertEquals(KernelProfile.LINUX_6_5_TO_6_12, KernelProfile.forRelease("6.5.0"));
        assertEquals(KernelProfile.LINUX_4_4_TO_6_4, KernelProfile.forRelease("6.4.16"));
    }
}
