---- MODULE IoModel ----
\* The facts of the two-phase table (kpath.model.IoModel) that the jdk and glibc specs share, once.
Models == {"blocking", "nonblocking", "multiplexed", "signal", "asynchronous"}

\* Whether a thread sleeps while the model waits for data (IoModel.sleepsWhileWaiting).
WaitSleeps(m) == m \in {"blocking", "multiplexed", "asynchronous"}

\* Whether the completion is posted to a kernel ring, io_uring's CQ or the AIO event ring
\* (IoModel.completesInKernel).
CompletesInKernel(m) == m = "asynchronous"
====
