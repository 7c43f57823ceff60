package kpath.bench;

import java.util.concurrent.TimeUnit;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcPoll;
import kpath.kernel.SysResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one readiness call on the running kernel (issue 11): {@code fds} idle eventfds, the
 * last one made readable (counter 1, never read, so it stays ready), and one call with timeout 0
 * of the raw select(2) (nfds = the largest fd + 1, a read set of that many bits), poll(2) (a pollfd
 * per fd, POLLIN) and epoll_wait(2) (every fd added, EPOLLIN level-triggered, 64 events buffer).
 * The claim under test (fs/select.c do_select and do_poll walk every fd they are given;
 * fs/eventpoll.c ep_send_events walks the ready list only): select and poll cost O(fds) per call,
 * epoll_wait O(ready). Calls go through {@link LibcPoll.Prepared}: buffers built once, no per-call
 * marshaling. RLIMIT_NOFILE's soft limit is raised to its hard limit if it is too low; every fd is
 * closed in the tear-down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SyscallCostBench {

    @Param({"100", "1000", "10000"})
    public int fds;

    private int[] eventfds;
    private int epfd = -1;
    private LibcPoll.Prepared calls;

    @Setup(Level.Trial)
    public void open() {
        long need = fds + 64L; // the eventfds, the epoll fd, and the JVM's own
        long soft = LibcFile.softLimit(LibcFile.RLIMIT_NOFILE);
        if (soft != -1 && soft < need) {
            long hard = LibcFile.hardLimit(LibcFile.RLIMIT_NOFILE);
            if (hard != -1 && hard < need) {
                throw new IllegalStateException("RLIMIT_NOFILE hard limit " + hard + " < " + need + " fds needed");
            }
            LibcFile.setSoftLimit(LibcFile.RLIMIT_NOFILE, hard).orThrow("setrlimit(RLIMIT_NOFILE)");
        }
        eventfds = new int[fds];
        int made = 0;
        try {
            for (; made < fds; made++) {
                eventfds[made] = (int) LibcFile.eventfd(0, LibcFile.EFD_NONBLOCK | LibcFile.EFD_CLOEXEC)
                        .orThrow("eventfd").value();
            }
            epfd = (int) LibcPoll.epollCreate1(LibcPoll.EPOLL_CLOEXEC).orThrow("epoll_create1").value();
            for (int fd : eventfds) {
                LibcPoll.epollCtl(epfd, LibcPoll.EPOLL_CTL_ADD, fd, LibcPoll.EPOLLIN, fd).orThrow("epoll_ctl ADD");
            }
            LibcFile.eventfdWrite(eventfds[fds - 1], 1).orThrow("write(eventfd)");
            calls = new LibcPoll.Prepared(eventfds, LibcPoll.POLLIN, epfd, 64);
            // each call must see exactly the one ready fd, or the figures measure something else
            expectOne(calls.select(0), "select");
            expectOne(calls.poll(0), "poll");
            expectOne(calls.epollWait(0), "epoll_wait");
        } catch (RuntimeException e) {
            eventfds = java.util.Arrays.copyOf(eventfds, made);
            close();
            throw e;
        }
    }

    private static void expectOne(SysResult r, String what) {
        if (r.value() != 1) {
            throw new IllegalStateException(what + " returned " + r + ", not 1 ready fd");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (calls != null) {
            calls.close();
            calls = null;
        }
        if (epfd >= 0) {
            LibcFile.close(epfd);
            epfd = -1;
        }
        if (eventfds != null) {
            for (int fd : eventfds) {
                LibcFile.close(fd);
            }
            eventfds = null;
        }
    }

    @Benchmark
    public long select() {
        return calls.select(0).value();
    }

    @Benchmark
    public long poll() {
        return calls.poll(0).value();
    }

    @Benchmark
    public long epollWait() {
        return calls.epollWait(0).value();
    }
}
