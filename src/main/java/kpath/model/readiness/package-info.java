/**
 * The readiness path's view of the process model {@link kpath.model.proc}: which calls it
 * explores, what a readiness trace's {@code observe} lines read (what the last call copied out,
 * each task's phase), and the state in the shapes of {@code specs/Readiness.tla}
 * ({@link kpath.model.readiness.ReadinessModel}). The objects themselves — fd table, files and
 * their poll methods, epoll, select/poll, wait queues, tasks, fasync — live in
 * {@link kpath.model.proc}, once, for every path that works on file descriptors.
 */
package kpath.model.readiness;
