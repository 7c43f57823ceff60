package kpath.kernel.readiness;

import java.util.List;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcPoll;
import kpath.kernel.PrivilegeException;
import kpath.kernel.Scenario;

import static kpath.kernel.LibcFile.EFD_NONBLOCK;
import static kpath.kernel.LibcPoll.EPOLLIN;
import static kpath.kernel.LibcPoll.EPOLLOUT;
import static kpath.kernel.LibcPoll.EPOLL_CTL_ADD;
import static kpath.kernel.LibcPoll.POLLIN;
import static kpath.kernel.LibcPoll.POLLOUT;
import static kpath.kernel.readiness.ReadinessRecorder.negativeFd;
import static kpath.kernel.readiness.ReadinessRecorder.pfd;
import static kpath.kernel.readiness.ReadinessScenarios.BUF;
import static kpath.kernel.readiness.ReadinessScenarios.MAX;
import static kpath.kernel.readiness.ReadinessScenarios.scenario;
import static kpath.kernel.readiness.ReadinessScenarios.step;

/**
 * Readiness scenarios of select and poll beside epoll on the same fds, and of select with fds
 * above FD_SETSIZE (fs/select.c do_select, do_sys_poll, core_sys_select). Part of
 * {@link ReadinessScenarios#all()}.
 */
final class SelectPollScenarios {

    private SelectPollScenarios() {
    }

    static Scenario selectPollEpollAgree() {
        return scenario("select-poll-epoll-agree",
                "select, poll and epoll on the same fds (SEL-03, SEL-11, SEL-12, SEL-13, SEL-01, POLL-03..07):"
                        + " r0 holds data, r1's write end is closed, s0 holds data, v0 is an eventfd at 0, f0 a"
                        + " procfs file, v1 a closed fd number. select counts bits (s0 in both read and write"
                        + " sets counts twice), maps HUP to readable; poll counts entries, ignores a negative"
                        + " fd, reports POLLNVAL for a closed one and HUP/ERR even with events 0; epoll LT"
                        + " reports the open pollable fds. select with a closed fd in a set gives EBADF, with"
                        + " nfds -1 EINVAL.",
                rec -> {
                    var a = rec.pipe2();
                    var b = rec.pipe2();
                    var s = rec.socketpair();
                    String v0 = rec.eventfd(0, EFD_NONBLOCK);
                    String f0 = rec.openat("/proc/self/status");
                    String e0 = rec.epollCreate();
                    String v1 = rec.eventfd(0, EFD_NONBLOCK);
                    String r0 = a.first();
                    String w0 = a.second();
                    String r1 = b.first();
                    String s0 = s.first();
                    String s1 = s.second();
                    step(rec, "set up: data in r0 and s0, r1's writer closed, v1 closed (no fd is created after this)");
                    rec.write(w0, 3);
                    rec.write(s1, 2);
                    rec.close(b.second());
                    rec.close(v1);

                    step(rec, "select: s0 and f0 in both the read and the write set (SEL-11, SEL-12, SEL-13)");
                    rec.select(List.of(r0, r1, s0, v0, f0), List.of(w0, s0, s1, v0, f0), List.of(r0, s0, v0), 0);
                    step(rec, "select with nothing ready");
                    rec.select(List.of(v0), List.of(), List.of(s1), 0);

                    step(rec, "poll: a negative fd is skipped (POLL-03), the closed v1 gives POLLNVAL (POLL-04)");
                    rec.poll(0, pfd(r0, POLLIN), pfd(r1, POLLIN), pfd(s0, POLLIN | POLLOUT), pfd(v0, POLLIN | POLLOUT),
                            pfd(w0, POLLOUT), pfd(f0, POLLIN | POLLOUT), negativeFd(POLLIN), pfd(v1, POLLIN));
                    step(rec, "poll with events 0: HUP is still reported (POLL-05)");
                    rec.poll(0, pfd(r1, 0), pfd(s0, 0));

                    step(rec, "epoll LT on the same open pollable fds");
                    rec.epollCtl(e0, EPOLL_CTL_ADD, r0, EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, r1, EPOLLIN);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, s0, EPOLLIN | EPOLLOUT);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, v0, EPOLLIN | EPOLLOUT);
                    rec.epollCtl(e0, EPOLL_CTL_ADD, w0, EPOLLOUT);
                    rec.epollWait(e0, MAX, 0);

                    step(rec, "select with the closed v1 in the read set (SEL-03), and nfds -1 (SEL-01)");
                    rec.select(List.of(r0, v1), List.of(), List.of(), 0);
                    rec.select(-1, List.of(r0), List.of(), List.of(), 0);
                });
    }

    /** The lowest number fcntl(F_DUPFD) is asked for: above FD_SETSIZE (1024). */
    static final int HIGH_FD_MIN = 1100;
    /** An nfds larger than this process's fd table (checked against FDSize before use). */
    static final int NFDS_BEYOND_TABLE = 65536;

    static Scenario selectNfdsBeyondFdSetsize() {
        return scenario("select-nfds-beyond-fd-setsize",
                "select(2) with fds above FD_SETSIZE: the C library's fd_set holds 1024 bits"
                        + " (FD_SETSIZE), but the kernel's select takes any nfds: fs/select.c core_sys_select"
                        + " fails only for nfds < 0 (EINVAL), clamps nfds to the fd table's max_fds, and reads"
                        + " and writes back FDS_BYTES(nfds) bytes of each set. fcntl(F_DUPFD, " + HIGH_FD_MIN
                        + ") (fs/fcntl.c f_dupfd) copies pipe ends r0 and w0 to numbers at or above "
                        + HIGH_FD_MIN + ", which grows the fd table past 1024 (fs/file.c expand_files). The sets"
                        + " are passed as bitmaps of nfds bits (not a 128-byte fd_set). select with nfds ="
                        + " highest number + 1 sees the high fds: w0x writable, r0x readable once a byte is"
                        + " written. With nfds = 1024 the high fds are out of range: their bits are never"
                        + " read, so the same sets give 0, while r0, below 1024, is still seen. With an nfds"
                        + " of " + NFDS_BEYOND_TABLE + ", beyond the fd table, the clamp gives the same"
                        + " answer as nfds = highest + 1.",
                rec -> {
                    long soft = LibcFile.nofileSoftLimit(); // RLIM_INFINITY reads as -1
                    if (soft >= 0 && soft <= HIGH_FD_MIN) {
                        throw new PrivilegeException("RLIMIT_NOFILE soft limit is " + soft + ", not above "
                                + HIGH_FD_MIN + ": fcntl(F_DUPFD, " + HIGH_FD_MIN + ") would fail with EINVAL"
                                + " (raise it with ulimit -n)");
                    }
                    if (fdTableSize() >= NFDS_BEYOND_TABLE) {
                        throw new IllegalStateException("the fd table already holds " + fdTableSize()
                                + " fds: nfds " + NFDS_BEYOND_TABLE + " would not be beyond it");
                    }
                    var p = rec.pipe2();
                    String r0 = p.first();
                    String r0x = rec.dupfd(r0, HIGH_FD_MIN);
                    String w0x = rec.dupfd(p.second(), HIGH_FD_MIN);
                    step(rec, "nfds = highest + 1: the empty pipe's r0x is not ready, w0x is writable");
                    rec.select(List.of(r0x), List.of(), List.of(), 0);
                    rec.select(List.of(r0x), List.of(w0x), List.of(), 0);
                    step(rec, "a byte through w0x: r0x is readable");
                    rec.write(w0x, 1);
                    rec.select(List.of(r0x), List.of(w0x), List.of(), 0);
                    step(rec, "nfds = 1024 (FD_SETSIZE): r0x and w0x lie beyond it and are never looked at;"
                            + " r0, the same pipe below 1024, is");
                    rec.select(LibcPoll.FD_SET_BITS, List.of(r0x), List.of(w0x), List.of(), 0);
                    rec.select(LibcPoll.FD_SET_BITS, List.of(r0, r0x), List.of(w0x), List.of(), 0);
                    step(rec, "nfds beyond the fd table: clamped to max_fds, not an error");
                    rec.select(NFDS_BEYOND_TABLE, List.of(r0x), List.of(w0x), List.of(), 0);
                    step(rec, "drained through r0x: not ready again");
                    rec.read(r0x, BUF);
                    rec.select(List.of(r0x), List.of(), List.of(), 0);
                });
    }

    /** FDSize from /proc/self/status: how many fds this process's fd table holds now (max_fds). */
    static int fdTableSize() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("FDSize:")).findFirst()
                    .map(l -> Integer.parseInt(l.substring("FDSize:".length()).strip()))
                    .orElseThrow(() -> new IllegalStateException("no FDSize in /proc/self/status"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading /proc/self/status", e);
        }
    }
}
