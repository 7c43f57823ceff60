package kpath.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * TLC's verdicts on traces that arrive one by one (conform's captures), in batches: a TLC run
 * costs about a second of start-up and parsing, a trace in a batch about a sixth of that
 * ({@link TlcTraceValidator#runAll}). Traces queue per spec; a runner thread takes a spec's queue
 * once it holds {@code batch} traces, or whatever is queued once {@link #flush} says no more are
 * coming. Without the wait, TLC idle between two captures would take each trace alone.
 */
public final class TlcBatcher implements AutoCloseable {

    private record Job(TraceModule.Generated g, String file, CompletableFuture<TlcTraceValidator.Verdict> verdict) {}

    private final Duration timeout;
    private final int batch;
    private final Map<String, List<Job>> queues = new LinkedHashMap<>();
    private final List<Thread> runners = new ArrayList<>();
    private boolean flushing;
    private boolean closed;

    /** {@code threads} runners; {@code timeout} is per trace (a batch of k may take k times it). */
    public TlcBatcher(Duration timeout, int threads, int batch) {
        if (threads < 1 || batch < 1) {
            throw new IllegalArgumentException("threads and batch must be at least 1: " + threads + ", " + batch);
        }
        this.timeout = timeout;
        this.batch = batch;
        for (int t = 0; t < threads; t++) {
            runners.add(Thread.ofPlatform().daemon().name("kpath-tlc-" + t).start(this::runner));
        }
    }

    /** Queues {@code g}; the future completes with TLC's verdict, or with the {@link CheckException} of its run. */
    public CompletableFuture<TlcTraceValidator.Verdict> submit(TraceModule.Generated g, String file) {
        CompletableFuture<TlcTraceValidator.Verdict> v = new CompletableFuture<>();
        synchronized (queues) {
            if (closed) {
                throw new IllegalStateException("submit after close");
            }
            queues.computeIfAbsent(g.spec(), s -> new ArrayList<>()).add(new Job(g, file, v));
            queues.notifyAll();
        }
        return v;
    }

    /** No more traces are coming soon: run what is queued, and what comes later, without waiting for a full batch. */
    public void flush() {
        synchronized (queues) {
            flushing = true;
            queues.notifyAll();
        }
    }

    /** Flushes, lets the runners finish what is queued, and stops them. */
    @Override
    public void close() {
        synchronized (queues) {
            flushing = true;
            closed = true;
            queues.notifyAll();
        }
        for (Thread t : runners) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void runner() {
        while (true) {
            List<Job> take;
            synchronized (queues) {
                while ((take = ready()) == null) {
                    if (closed) {
                        return;
                    }
                    try {
                        queues.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            run(take);
        }
    }

    /** A spec's queue, taken, if it is full or the batcher is flushing; else null. Holds the lock. */
    private List<Job> ready() {
        for (Map.Entry<String, List<Job>> e : queues.entrySet()) {
            if (!e.getValue().isEmpty() && (flushing || e.getValue().size() >= batch)) {
                List<Job> take = List.copyOf(e.getValue());
                e.getValue().clear();
                return take;
            }
        }
        return null;
    }

    private void run(List<Job> jobs) {
        List<TlcTraceValidator.Verdict> vs = null;
        Exception failed = null;
        try {
            vs = TlcTraceValidator.runAll(jobs.stream().map(Job::g).toList(), jobs.stream().map(Job::file).toList(),
                    timeout);
        } catch (CheckException | RuntimeException e) {
            failed = e;
        }
        // what waits on a verdict runs now, on this thread, and may load classes: quietly (QuietFds)
        try (QuietFds.Held h = QuietFds.hold()) {
            for (int k = 0; k < jobs.size(); k++) {
                if (failed != null) {
                    jobs.get(k).verdict().completeExceptionally(failed);
                } else {
                    jobs.get(k).verdict().complete(vs.get(k));
                }
            }
        }
    }
}
