package kpath.kernel.readiness;

import java.util.List;
import java.util.Optional;
import kpath.kernel.Fds;
import kpath.kernel.Scenario;
import kpath.trace.Trace;

import static kpath.kernel.readiness.EpollCtlScenarios.epollCtlErrors;
import static kpath.kernel.readiness.EpollCtlScenarios.epollDupCloseKeepsEventsUnderOldFd;
import static kpath.kernel.readiness.EpollCtlScenarios.epollExclusiveTwoInstances;
import static kpath.kernel.readiness.EpollCtlScenarios.epollNestedLtEt;
import static kpath.kernel.readiness.EpollTriggerScenarios.epollAddReadyAndModRereports;
import static kpath.kernel.readiness.EpollTriggerScenarios.epollEtOncePerArrival;
import static kpath.kernel.readiness.EpollTriggerScenarios.epollLtReportedUntilRead;
import static kpath.kernel.readiness.EpollTriggerScenarios.epollLtVsEtPartialRead;
import static kpath.kernel.readiness.EpollTriggerScenarios.epollMaxeventsRoundRobin;
import static kpath.kernel.readiness.EpollTriggerScenarios.epollOneshotRearm;
import static kpath.kernel.readiness.FileReadinessScenarios.eventfdCounterReadiness;
import static kpath.kernel.readiness.FileReadinessScenarios.epollPeerShutdownAndCloseRdhup;
import static kpath.kernel.readiness.FileReadinessScenarios.pipeEndsHupAndErr;
import static kpath.kernel.readiness.SelectPollScenarios.selectNfdsBeyondFdSetsize;
import static kpath.kernel.readiness.SelectPollScenarios.selectPollEpollAgree;

/**
 * The battery of readiness scenarios (select, poll, epoll on pipes, AF_UNIX socketpairs and
 * eventfds), its one entry point ({@link #all()}, in capture order) and the plumbing its scenarios
 * share. The single-threaded, unprivileged ones use only timeout-0 waits in the host netns and are
 * defined by subject: {@link EpollTriggerScenarios}, {@link EpollCtlScenarios},
 * {@link FileReadinessScenarios}, {@link SelectPollScenarios}; {@link #all()} adds the TCP ones
 * ({@link TcpReadinessScenarios}), the multi-threaded ones ({@link ThreadedReadinessScenarios}) and
 * the signal-driven I/O ones ({@link SigioScenarios}). Traces go to
 * {@code traces/readiness/<name>.trace}. Row ids (LT-01, ECTL-07, ...) refer to the readiness
 * catalogue.
 */
public final class ReadinessScenarios {

    /** The kernel path these scenarios record: the {@code path:} header of their traces and their traces/ folder. */
    public static final String PATH = "readiness";

    private ReadinessScenarios() {
    }

    /** Read size used to drain a pipe or socket. */
    static final int BUF = 4096;
    /** maxevents of an ordinary epoll_wait. */
    static final int MAX = 8;

    /** The whole battery. */
    public static List<Scenario> all() {
        return java.util.stream.Stream.concat(List.of(
                epollLtReportedUntilRead(),
                epollEtOncePerArrival(),
                epollLtVsEtPartialRead(),
                epollOneshotRearm(),
                epollCtlErrors(),
                epollMaxeventsRoundRobin(),
                epollPeerShutdownAndCloseRdhup(),
                pipeEndsHupAndErr(),
                eventfdCounterReadiness(),
                epollDupCloseKeepsEventsUnderOldFd(),
                epollNestedLtEt(),
                selectPollEpollAgree(),
                epollExclusiveTwoInstances(),
                epollAddReadyAndModRereports(),
                selectNfdsBeyondFdSetsize()).stream(),
                java.util.stream.Stream.of(TcpReadinessScenarios.all(), ThreadedReadinessScenarios.all(),
                        SigioScenarios.all(), SigmaskScenarios.all()).flatMap(List::stream)).toList();
    }

    /** The scenario called {@code name}, if the battery has one. */
    public static Optional<Scenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    // ---- plumbing ----

    @FunctionalInterface
    interface Body {
        void run(ReadinessRecorder rec) throws Exception;
    }

    private record Defined(String name, String narrative, Body body) implements Scenario {
        @Override
        public boolean privileged() {
            return false;
        }

        @Override
        public Trace capture() throws Exception {
            try (Fds fds = new Fds()) {
                ReadinessRecorder rec = new ReadinessRecorder(name, narrative, fds);
                body.run(rec);
                return rec.end();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Scenario scenario(String name, String narrative, Body body) {
        return new Defined(name, narrative, body);
    }

    /** A blank line and a comment: the next step of a scenario and why it matters. */
    static void step(ReadinessRecorder rec, String text) {
        rec.blank();
        rec.comment(text);
    }
}
