package kpath.kernel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kpath.trace.SyscallNames;

/**
 * What procfs says of this JVM's own threads and files, for scenarios that run the JDK's I/O code
 * in this process and watch what it does in the kernel: each thread's state, wait channel and
 * current system call ({@code /proc/self/task/TID/{stat,wchan,syscall,comm}}), the fd table
 * ({@code /proc/self/fd} links), an epoll file's interest list ({@code /proc/self/fdinfo/N}), and
 * whether any kernel AIO ring is mapped ({@code /proc/self/maps}).
 */
public final class ProcSelf {
    private ProcSelf() {}

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final Path FDINFO = Path.of("/proc/self/fdinfo");

    /**
     * One thread. {@code syscall} is the call's name and {@code args} its six arguments when the
     * thread is blocked in a system call (fs/proc/base.c proc_pid_syscall: "NR a0 .. a5 sp pc"),
     * else empty ("running", or "-1 sp pc" when it is blocked outside one).
     */
    public record Thread(int tid, String comm, String state, String wchan, Optional<String> syscall, List<Long> args) {}

    public static List<Thread> threads() {
        List<Thread> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(TASKS)) {
            for (Path t : ds) {
                read(t).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + TASKS + ": " + e.getMessage());
        }
        out.sort((a, b) -> Integer.compare(a.tid(), b.tid()));
        return out;
    }

    private static Optional<Thread> read(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String wchan = Files.readString(dir.resolve("wchan")).strip();
            String comm = Files.readString(dir.resolve("comm")).strip();
            String[] sys = Files.readString(dir.resolve("syscall")).strip().split("\\s+");
            // fs/proc/array.c do_task_stat: "pid (comm) state ..."; comm may hold ')'
            int close = stat.lastIndexOf(')');
            String state = stat.substring(close + 2, close + 3);
            Optional<String> name = Optional.empty();
            List<Long> args = List.of();
            if (sys.length >= 7 && !sys[0].equals("running") && !sys[0].equals("-1")) {
                name = Optional.of(SyscallNames.byNumber(Long.parseLong(sys[0])));
                List<Long> a = new ArrayList<>();
                for (int k = 1; k <= 6; k++) {
                    a.add(Long.parseUnsignedLong(sys[k].substring(2), 16));
                }
                args = List.copyOf(a);
            }
            return Optional.of(new Thread(Integer.parseInt(dir.getFileName().toString()), comm, state,
                    wchan.isEmpty() ? "0" : wchan, name, args));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty(); // the thread exited while we read it
        }
    }

    /** The fd table: number to link ({@code socket:[ino]}, {@code anon_inode:[eventpoll]}, a path). */
    public static Map<Integer, String> fds() {
        Map<Integer, String> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(FDS)) {
            for (Path f : ds) {
                try {
                    out.put(Integer.parseInt(f.getFileName().toString()), Files.readSymbolicLink(f).toString());
                } catch (IOException closed) {
                    // closed between listing and reading (the listing's own fd)
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + FDS + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * An epoll file's interest list, target fd to events, from fs/eventpoll.c ep_show_fdinfo:
     * "tfd: %8d events: %8x data: %16llx pos:%lli ino:%lx sdev:%x" per item.
     */
    public static Map<Integer, Integer> interest(int epfd) {
        Map<Integer, Integer> out = new TreeMap<>();
        String text;
        try {
            text = Files.readString(FDINFO.resolve(Integer.toString(epfd)));
        } catch (IOException gone) {
            return out;
        }
        for (String l : text.lines().toList()) {
            String[] f = l.strip().split("\\s+");
            if (f.length >= 4 && f[0].equals("tfd:") && f[2].equals("events:")) {
                out.put(Integer.parseInt(f[1]), Integer.parseUnsignedInt(f[3], 16));
            }
        }
        return out;
    }

    /**
     * The first {@code struct pollfd} of a poll(2) or ppoll(2) this process's thread sleeps in, read
     * from {@code /proc/self/mem} at the call's first argument: {fd, events} (include/uapi/asm-generic/poll.h:
     * int fd; short events; short revents). Empty when the memory cannot be read (the call returned
     * and its array is gone).
     */
    public static Optional<int[]> pollFd(long address) {
        try (java.io.RandomAccessFile mem = new java.io.RandomAccessFile("/proc/self/mem", "r")) {
            mem.seek(address);
            byte[] b = new byte[8];
            mem.readFully(b);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder());
            return Optional.of(new int[] {bb.getInt(0), bb.getShort(4)});
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** The file status flags of fd {@code fd} (fs/proc/fd.c seq_show: "flags:\t0%o"). */
    public static int fdFlags(int fd) {
        try {
            for (String l : Files.readAllLines(FDINFO.resolve(Integer.toString(fd)))) {
                if (l.startsWith("flags:")) {
                    return Integer.parseInt(l.substring("flags:".length()).strip(), 8);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FDINFO.resolve(Integer.toString(fd)) + ": " + e.getMessage());
        }
        throw new IllegalStateException("no flags: line in " + FDINFO.resolve(Integer.toString(fd)));
    }

    /**
     * How many read-family system calls thread {@code tid} has made: the {@code syscr} line of
     * {@code /proc/self/task/TID/io} (fs/proc/base.c do_io_accounting; counted by fs/read_write.c
     * vfs_read and vfs_readv, so a read(2) of a socket counts, a recvfrom(2) does not).
     */
    public static long syscr(int tid) {
        Path io = TASKS.resolve(Integer.toString(tid)).resolve("io");
        try {
            for (String l : Files.readAllLines(io)) {
                if (l.startsWith("syscr:")) {
                    return Long.parseLong(l.substring("syscr:".length()).strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + io + ": " + e.getMessage());
        }
        throw new IllegalStateException("no syscr: line in " + io);
    }

    /** The read-family calls one {@link #syscr} itself costs thread {@code tid}: two readings, back to back. */
    public static long syscrCost(int tid) {
        long a = syscr(tid);
        return syscr(tid) - a;
    }

    /** How many native AIO rings are mapped: fs/aio.c aio_setup_ring maps an anon file named "[aio]". */
    public static int aioRings() {
        try {
            return (int) Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.contains("/[aio]")).count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/maps: " + e.getMessage());
        }
    }

    /**
     * The fd of the TCP socket whose inode /proc/thread-self/net/tcp or tcp6 gives for these ports,
     * if it is open here (the JDK makes AF_INET6 sockets where it can, IPv4 addresses v4-mapped).
     */
    public static Optional<Integer> tcpSocketFd(int localPort, int remotePort) {
        List<String> lines = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            try {
                List<String> all = Files.readAllLines(Path.of("/proc/thread-self/net").resolve(table));
                lines.addAll(all.subList(1, all.size()));
            } catch (IOException e) {
                // no IPv6 in this kernel: tcp alone
            }
        }
        // net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock:
        // "sl local:port rem:port st tx:rx tr:when retrnsmt uid timeout inode", ports %04X
        for (String l : lines) {
            String[] f = l.strip().split("\\s+");
            if (f.length > 9 && Integer.parseInt(f[1].split(":")[1], 16) == localPort
                    && Integer.parseInt(f[2].split(":")[1], 16) == remotePort) {
                String link = "socket:[" + f[9] + "]";
                return fds().entrySet().stream().filter(e -> e.getValue().equals(link)).map(Map.Entry::getKey).findFirst();
            }
        }
        return Optional.empty();
    }
}
