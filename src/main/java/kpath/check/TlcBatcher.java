package kpath.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * TLC's verdicts for callers on several threads, in batches: a caller queues its trace module and,
 * unless another caller has already taken it, runs everything queued as one batch
 * ({@link TlcTraceValidator#runAll}). So a caller that finds TLC idle runs its trace at once, and
 * the traces that arrive while TLC is busy go together into the next run: the number of TLC
 * runs stays near the number of threads, not the number of traces.
 */
public final class TlcBatcher {

    private record Job(TraceModule.Generated g, String file, CompletableFuture<TlcTraceValidator.Verdict> verdict) {}

    private final Duration timeout;
    private final List<Job> queue = new ArrayList<>();

    /** {@code timeout} is per trace (a batch of k may take k times it). */
    public TlcBatcher(Duration timeout) {
        this.timeout = timeout;
    }

    /** TLC's verdict on {@code g}, perhaps from a run this caller makes for others too. */
    public TlcTraceValidator.Verdict verdict(TraceModule.Generated g, String file) throws CheckException {
        CompletableFuture<TlcTraceValidator.Verdict> mine = new CompletableFuture<>();
        synchronized (queue) {
            queue.add(new Job(g, file, mine));
        }
        while (!mine.isDone()) {
            List<Job> batch;
            synchronized (queue) {
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            if (batch.isEmpty()) {
                break; // another caller's run holds it
            }
            run(batch);
        }
        try {
            return mine.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CheckException c) {
                throw c;
            }
            throw new IllegalStateException("a batched TLC run failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckException(file + ": interrupted while waiting for TLC");
        }
    }

    private void run(List<Job> batch) {
        try {
            List<TlcTraceValidator.Verdict> vs = TlcTraceValidator.runAll(
                    batch.stream().map(Job::g).toList(), batch.stream().map(Job::file).toList(), timeout);
            for (int k = 0; k < batch.size(); k++) {
                batch.get(k).verdict().complete(vs.get(k));
            }
        } catch (CheckException | RuntimeException e) {
            batch.forEach(j -> j.verdict().completeExceptionally(e));
        }
    }
}
