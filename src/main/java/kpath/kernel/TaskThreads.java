package kpath.kernel;

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

/**
 * The tasks of one threaded scenario, of any path: task {@code tN} is one platform thread that
 * makes the calls the main thread hands it, one at a time; each call writes its own
 * {@code tN -> call} / {@code tN <- result} lines through the scenario's recorder (a
 * {@link TraceLog}). Every wait is bounded: a task starts, returns from a call and ends within
 * {@link #JOIN} or the scenario fails with an {@link IllegalStateException} naming the scenario and
 * the task. A call that could sleep for ever (a blocking read, a wait with timeout -1) carries a
 * release, run by {@link #close()} when the call has not returned (the scenario failed), before
 * the fds are closed: closing an fd does not wake a thread that sleeps on it, because the sleeping
 * call holds its own reference to the file. A path's calls are built on {@link Task#call}
 * (readiness: {@code kpath.kernel.readiness.Tasks}).
 */
public class TaskThreads implements AutoCloseable {

    /** Bound on a task's start, on the return of a call the scenario waits for, and on a task's end. */
    public static final Duration JOIN = Duration.ofSeconds(5);
    /** Bound on the wait until a task is seen sleeping in its call. */
    public static final Duration SLEEP_BOUND = Duration.ofSeconds(2);

    private final String scenario;
    private final TraceLog rec;
    private final List<Task> tasks = new ArrayList<>();
    private volatile boolean closing;

    public TaskThreads(String scenario, TraceLog rec) {
        this.scenario = scenario;
        this.rec = rec;
    }

    /** The scenario's name, for messages. */
    protected String scenario() {
        return scenario;
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

        /**
         * Hands the task a call: {@code body} runs on the task's thread and writes the call's lines;
         * {@code text} names it in messages; {@code wchan} is the kernel function it sleeps in (null:
         * it never sleeps); {@code release} (null: none needed) wakes it should the scenario fail.
         */
        public Call call(String text, String wchan, Runnable release, Callable<Long> body) {
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
