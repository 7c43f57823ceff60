package kpath.kernel.readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kpath.kernel.LibcFile;
import kpath.kernel.LibcSignal;
import kpath.kernel.LibcSocket;
import kpath.trace.Wchan;
import kpath.kernel.readiness.ReadinessRecorder.PollEntry;

/**
 * The tasks of one threaded readiness scenario: task {@code tN} is one platform thread that makes
 * the calls the main thread hands it, one at a time, and records each as {@code tN -> call} /
 * {@code tN <- result} through the scenario's {@link ReadinessRecorder}. Every wait is bounded:
 * a task starts, returns from a call and ends within {@link #JOIN} or the scenario fails with an
 * {@link IllegalStateException} naming the scenario and the task. A call that could sleep for
 * ever (a blocking read, a wait with timeout -1) carries a release, run by {@link #close()} when
 * the call has not returned (the scenario failed), before the fds are closed: closing an fd does not
 * wake a thread that sleeps on it, because the sleeping call holds its own reference to the file.
 */
public final class Tasks implements AutoCloseable {

    /** Bound on a task's start, on the return of a call the scenario waits for, and on a task's end. */
    public static final Duration JOIN = Duration.ofSeconds(5);
    /** Bound on the wait until a task is seen sleeping in its call. */
    public static final Duration SLEEP_BOUND = Duration.ofSeconds(2);

    private final String scenario;
    private final ReadinessRecorder rec;
    private final List<Task> tasks = new ArrayList<>();
    private volatile boolean closing;

    public Tasks(String scenario, ReadinessRecorder rec) {
        this.scenario = scenario;
        this.rec = rec;
    }

    /** Starts the next task (t1, t2, ...) and waits, bounded, until its thread has reported its TID. */
    public Task start() {
        Task t = new Task("t" + (tasks.size() + 1));
        tasks.add(t);
        t.thread.start();
        t.tid();
        return t;
    }

    /**
     * Waits, bounded by {@link #SLEEP_BOUND}, until the call's task sleeps (state S) in the kernel
     * function the call sleeps in, then records {@code observe task(tN) state=.. wchan=..}; when the
     * bound passes, or the call has already returned, records the last reading. Returns whether the
     * task was seen sleeping there.
     */
    public boolean observeSleeping(Call c) {
        if (c.wchan == null) {
            throw new IllegalArgumentException(c.task.name + " " + c.text + " never sleeps");
        }
        return rec.observeTaskSleeping(c.task.name, c.task.tid(), c.wchan, SLEEP_BOUND, c::returned);
    }

    /**
     * Ends every task: releases each call that has not returned, then stops and joins every thread
     * (bounded). Throws when a call had not returned (the scenario did not wait for it, or it
     * failed) or a thread did not end.
     */
    @Override
    public void close() {
        closing = true;
        List<String> problems = new ArrayList<>();
        for (Task t : tasks) {
            Call c = t.last;
            if (c != null && !c.returned()) {
                problems.add(t.name + " had not returned from " + c.text);
                if (c.release != null) {
                    try {
                        c.release.run();
                    } catch (RuntimeException e) {
                        problems.add("releasing " + t.name + " failed: " + e);
                    }
                }
            }
            t.queue.add(t.stop);
        }
        for (Task t : tasks) {
            try {
                if (!t.thread.join(JOIN)) {
                    problems.add(t.name + " did not end within " + JOIN.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add(t.name + " was not joined (interrupted)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(scenario + ": " + String.join("; ", problems));
        }
    }

    /** A release run on the main thread for a call that sleeps until {@code name} changes state. */
    private Runnable releaseBy(String name) {
        int fd = rec.fd(name);
        return switch (rec.names().kind(name)) {
            case EVENTFD -> () -> LibcFile.eventfdWrite(fd, 1);
            // net/unix/af_unix.c unix_shutdown: RCV_SHUTDOWN on this end, sk_state_change wakes its readers
            case UNIX_STREAM -> () -> LibcSocket.shutdown(fd, LibcSocket.SHUT_RDWR);
            case PIPE_WRITE -> () -> LibcFile.write(fd, new byte[1]);
            default -> throw new IllegalArgumentException("no release through " + name);
        };
    }

    /** One task: a platform thread that runs the calls handed to it, in order. */
    public final class Task {

        private final String name;
        private final Thread thread;
        private final BlockingQueue<Call> queue = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> tid = new CompletableFuture<>();
        private final Call stop;
        /** The last call handed to this task (main thread only). */
        private Call last;

        private Task(String name) {
            this.name = name;
            this.stop = new Call(this, "stop", null, null, null);
            this.thread = Thread.ofPlatform().name("kpath-" + scenario + "-" + name).daemon(true)
                    .unstarted(this::loop);
        }

        public String name() {
            return name;
        }

        /** The thread's id from gettid(2), called on the thread itself. */
        public int tid() {
            try {
                return tid.get(JOIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new IllegalStateException(scenario + ": task " + name + " did not start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(scenario + ": interrupted while task " + name + " started", e);
            }
        }

        /** {@code epoll_wait(EP, MAX, TIMEOUT)} with TIMEOUT &ge; 0. */
        public Call epollWait(String ep, int maxEvents, int timeoutMs) {
            if (timeoutMs < 0) {
                throw new IllegalArgumentException("an unbounded epoll_wait needs a release: epollWait(.., releaseBy)");
            }
            return epollWait(ep, maxEvents, timeoutMs, null);
        }

        /**
         * {@code epoll_wait(EP, MAX, TIMEOUT)}; {@code releaseBy} (when not null) names an fd whose
         * change of state wakes the wait should the scenario fail (an eventfd gets 1 added, a
         * socket is shut down, a pipe gets a byte).
         */
        public Call epollWait(String ep, int maxEvents, int timeoutMs, String releaseBy) {
            Runnable release = releaseBy == null ? null : releaseBy(releaseBy);
            return submit("epoll_wait(" + ep + ", " + maxEvents + ", " + timeoutMs + ")", Wchan.EPOLL_WAIT, release,
                    () -> (long) rec.taskEpollWait(name, ep, maxEvents, timeoutMs));
        }

        /** {@code poll(NAME=EVENTS, ..., TIMEOUT)} with TIMEOUT &ge; 0. */
        public Call poll(int timeoutMs, PollEntry... entries) {
            if (timeoutMs < 0) {
                throw new IllegalArgumentException("task poll timeout must be >= 0 (bounded)");
            }
            return submit("poll(.., " + timeoutMs + ")", Wchan.POLL, null,
                    () -> (long) rec.taskPoll(name, timeoutMs, entries));
        }

        /** {@code select(NFDS, RD, WR, EX, TIMEOUT)} with TIMEOUT &ge; 0. */
        public Call select(List<String> rd, List<String> wr, List<String> ex, int timeoutMs) {
            return submit("select(.., " + timeoutMs + ")", Wchan.POLL, null,
                    () -> (long) rec.taskSelect(name, rd, wr, ex, timeoutMs));
        }

        /**
         * {@code read(NAME, MAX)}. A read of a blocking AF_UNIX stream or eventfd may sleep; it is
         * released by shutdown(SHUT_RDWR) of the socket or by adding 1 to the eventfd. A read of a
         * non-blocking fd never sleeps.
         */
        public Call read(String name, int max) {
            String wchan = null;
            Runnable release = null;
            if (rec.isBlocking(name)) {
                wchan = switch (rec.names().kind(name)) {
                    case UNIX_STREAM -> Wchan.UNIX_READ;
                    case EVENTFD -> Wchan.EVENTFD_READ;
                    default -> throw new IllegalArgumentException("a blocking read of " + name + " cannot be released");
                };
                release = releaseBy(name);
            }
            String size = rec.names().kind(name) == FdNames.Kind.EVENTFD ? "8" : Integer.toString(max);
            return submit("read(" + name + ", " + size + ")", wchan, release,
                    () -> rec.taskRead(this.name, name, max).value());
        }

        private Call submit(String text, String wchan, Runnable release, Callable<Long> body) {
            if (closing) {
                throw new IllegalStateException(scenario + ": tasks are closed");
            }
            if (last != null && !last.returned()) {
                throw new IllegalStateException(scenario + ": task " + name + " is still in " + last.text);
            }
            Call c = new Call(this, text, wchan, release, body);
            last = c;
            queue.add(c);
            return c;
        }

        private void loop() {
            try {
                tid.complete(LibcSignal.gettid());
            } catch (RuntimeException e) {
                tid.completeExceptionally(e);
                return;
            }
            try {
                while (true) {
                    Call c = queue.take(); // close() always queues stop
                    if (c == stop) {
                        return;
                    }
                    if (closing) {
                        c.result.completeExceptionally(new IllegalStateException("not started: closing"));
                        continue;
                    }
                    try {
                        c.result.complete(c.body.call());
                    } catch (Throwable t) {
                        c.result.completeExceptionally(t);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One call handed to a task: its text (for messages), the function it sleeps in, and its result. */
    public final class Call {

        private final Task task;
        private final String text;
        private final String wchan;
        private final Runnable release;
        private final Callable<Long> body;
        private final CompletableFuture<Long> result = new CompletableFuture<>();

        private Call(Task task, String text, String wchan, Runnable release, Callable<Long> body) {
            this.task = task;
            this.text = text;
            this.wchan = wchan;
            this.release = release;
            this.body = body;
        }

        public Task task() {
            return task;
        }

        /** Whether the call has returned and its lines are written. */
        public boolean returned() {
            return result.isDone();
        }

        /** Waits, bounded by {@link #JOIN}, until the call returns; its return value (-1 on error). */
        public long await() {
            try {
                return result.get(JOIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException(scenario + ": task " + task.name + " did not return from " + text
                        + " within " + JOIN.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException(scenario + ": task " + task.name + " failed in " + text, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(scenario + ": interrupted while waiting for " + task.name, e);
            }
        }
    }
}
