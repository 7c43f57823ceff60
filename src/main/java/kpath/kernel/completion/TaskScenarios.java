package kpath.kernel.completion;

import java.util.List;
import kpath.kernel.LibcFile;
import kpath.kernel.Scenario;
import kpath.kernel.TaskThreads;
import kpath.trace.Wchan;

import static kpath.kernel.completion.CompletionScenarios.POLLIN;

/**
 * The completion scenarios whose calls sleep: a task (a platform thread, {@link TaskThreads}) waits
 * in io_uring_enter with IORING_ENTER_GETEVENTS or in io_getevents while the main thread makes the
 * call that completes what it waits for. The main thread waits, bounded, until /proc shows the task
 * asleep in the call's kernel function ({@code observe task(t1) state=S wchan=...}); every call that
 * could sleep for ever carries a release. Row ids refer to the completions catalogue.
 */
final class TaskScenarios {
    private TaskScenarios() {}

    static Scenario enterSleeps() {
        return CompletionScenarios.threaded("io-uring-enter-getevents-sleeps", """
                io_uring_enter with IORING_ENTER_GETEVENTS and min_complete > 0 sleeps until that many \
                CQEs are in the ring (U-ENT-02, U-ENT-03; io_uring/io_uring.c io_cqring_wait, asleep in \
                io_cqring_wait itself). POLL_ADDs of two empty pipes are armed by the main task; t1 \
                enters with nothing to submit and min_complete 2. The write to r0 completes one poll \
                (its task work runs as the main task's write returns, and posts the CQE, io_cqring_wake): \
                one CQE does not meet the wait, io_wake_function leaves t1 asleep. The write to r1 \
                posts the second and t1 returns 0, the count it submitted; both CQEs are in the ring. \
                Then a submission that stops at an invalid SQE does not wait at all, though \
                min_complete is 4 (U-ENT-02: "if (ret != to_submit) goto out"): t1 returns 1, the \
                count consumed, and the NOP behind the invalid SQE stays in the SQ.""", true, (rec, tasks) -> {
            String u = rec.setup(2);
            String r0 = rec.pipe2();
            String r1 = rec.pipe2();
            rec.submit(u, List.of(Sqe.pollAdd(1, r0, POLLIN, false), Sqe.pollAdd(2, r1, POLLIN, false)), 0, 0);
            TaskThreads.Task t1 = tasks.start();
            TaskThreads.Call c1 = t1.call("io_uring_enter(" + u + ", -, 2, GETEVENTS)", Wchan.IO_URING_ENTER,
                    rec.nopsFor(u), () -> rec.taskEnter(t1.name(), u, List.of(), 2));
            asleep(tasks, c1);
            rec.write(writer(r0), 1);
            asleep(tasks, c1);
            rec.write(writer(r1), 1);
            c1.await();
            rec.reap(u);
            TaskThreads.Call c2 = t1.call("io_uring_enter(" + u + ", INVALID:3+NOP:4, 4, GETEVENTS)", Wchan.IO_URING_ENTER,
                    rec.nopsFor(u), () -> rec.taskEnter(t1.name(), u, List.of(Sqe.invalid(3), Sqe.nop(4)), 4));
            c2.await();
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario geteventsSleeps() {
        return CompletionScenarios.threaded("aio-getevents-sleeps", """
                io_getevents sleeps until min_nr events are there or its timeout passes (A-GEV-01; \
                fs/aio.c read_events: wait_event_interruptible_hrtimeout on ctx->wait, asleep in \
                read_events). t1 waits for 1 of up to 4 events, 2 s at most, while an IOCB_CMD_POLL \
                waits on an empty pipe; the write completes the poll inside its wake-up (aio_poll_wake, \
                res the whole key POLLIN|POLLRDNORM, 65) and aio_complete wakes ctx->wait: t1 returns \
                1 with that event. Then t1 waits 100 ms with nothing to come: the timer ends the wait \
                and it returns 0 events.""", false, (rec, tasks) -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2();
            rec.aioSubmitPoll(a, 7, r, POLLIN);
            TaskThreads.Task t1 = tasks.start();
            int wfd = rec.fd(writer(r));
            TaskThreads.Call c1 = t1.call("io_getevents(" + a + ", 1, 4, 2000)", Wchan.IO_GETEVENTS,
                    () -> LibcFile.write(wfd, new byte[1]), () -> rec.taskGetevents(t1.name(), a, 1, 4, 2000));
            asleep(tasks, c1);
            rec.write(writer(r), 1);
            c1.await();
            TaskThreads.Call c2 = t1.call("io_getevents(" + a + ", 1, 4, 100)", Wchan.IO_GETEVENTS, null,
                    () -> rec.taskGetevents(t1.name(), a, 1, 4, 100));
            asleep(tasks, c2);
            c2.await();
            rec.aioDestroy(a);
        });
    }

    static Scenario ringPollWoken() {
        return CompletionScenarios.threaded("io-uring-ring-fd-poll-woken", """
                A ring's own fd polls readable while CQEs are in the ring (io_uring/io_uring.c \
                io_uring_poll: EPOLLIN|EPOLLRDNORM with CQEs or overflow, EPOLLOUT|EPOLLWRNORM while the \
                SQ has room), and posting a CQE wakes its poll_wq (__io_cq_unlock_post -> \
                io_commit_cqring_flush -> io_poll_wq_wake: poll_activated from io_uring_create on a ring \
                without IORING_SETUP_DEFER_TASKRUN). t1 polls the ring for POLLIN, 2 s at most, while a \
                POLL_ADD waits on an empty pipe: asleep in poll_schedule_timeout. The write to the pipe \
                completes the POLL_ADD (its task work runs as the main task's write returns) and the \
                CQE's commit wakes t1, which returns 1 with POLLIN.""", true, (rec, tasks) -> {
            String u = rec.setup(2);
            String r = rec.pipe2();
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false)), 0, 0);
            TaskThreads.Task t1 = tasks.start();
            TaskThreads.Call c1 = t1.call("poll(" + u + "=POLLIN, 2000)", Wchan.POLL, null,
                    () -> rec.taskPoll(t1.name(), u, POLLIN, 2000));
            asleep(tasks, c1);
            rec.write(writer(r), 1);
            c1.await();
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario ringEpollWoken() {
        return CompletionScenarios.threaded("io-uring-ring-fd-epoll-woken", """
                An epoll watching a ring's fd is woken by the ring's completions: posting a CQE wakes the \
                ring's poll_wq (io_uring/io_uring.c __io_cq_unlock_post -> io_commit_cqring_flush -> \
                io_poll_wq_wake, key EPOLLIN|EPOLL_URING_WAKE), whose entry is the epoll item's \
                (ep_poll_callback). e0 watches u0 for EPOLLIN; t1 waits in epoll_wait, 2 s at most, \
                while a POLL_ADD waits on an empty pipe: asleep in do_epoll_wait. The write to the pipe \
                completes the POLL_ADD (its task work runs as the main task's write returns) and t1 \
                returns 1: u0 is readable (io_uring_poll: a CQE in the ring).""", true, (rec, tasks) -> {
            String u = rec.setup(2);
            String r = rec.pipe2();
            String e = rec.epollCreate();
            rec.epollAdd(e, u, POLLIN);
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false)), 0, 0);
            TaskThreads.Task t1 = tasks.start();
            TaskThreads.Call c1 = t1.call("epoll_wait(" + e + ", 8, 2000)", Wchan.EPOLL_WAIT, null,
                    () -> rec.taskEpollWait(t1.name(), e, 8, 2000));
            asleep(tasks, c1);
            rec.write(writer(r), 1);
            c1.await();
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario submitSleepsOnBlockingPipe() {
        return CompletionScenarios.threaded("aio-submit-sleeps-on-blocking-pipe", """
                IOCB_CMD_PREAD of an empty blocking pipe (A-SUB-09) sleeps inside io_submit: native AIO \
                has no asynchronous path for a pipe, so fs/aio.c aio_read calls the pipe's read_iter in \
                the submitting task, which waits on the pipe's rd_wait (wchan anon_pipe_read, fs/pipe.c). \
                t1 submits a read of 8 bytes; the main task's write of 3 wakes it, the read takes the 3 \
                and aio_rw_done completes the iocb: io_submit returns 1 and the event is in the ring \
                (res 3) before it does. A second read sleeps the same way until the writer is closed: \
                pipe_release wakes it and the read completes with 0 (end of file).""", false, (rec, tasks) -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2(false);
            readsWokenByWriteThenClose(rec, tasks, a, r, writer(r), Wchan.PIPE_READ);
        });
    }

    /**
     * t1's IOCB_CMD_PREADs of 8 bytes from the empty blocking {@code from} sleep in io_submit
     * ({@code wchan}): the first until 3 bytes are written to {@code peer}, the second until
     * {@code peer} is closed (end of file); each event taken after it; then the context destroyed.
     */
    private static void readsWokenByWriteThenClose(CompletionRecorder rec, TaskThreads tasks, String a, String from,
                                                    String peer, String wchan) throws Exception {
        TaskThreads.Task t1 = tasks.start();
        int pfd = rec.fd(peer);
        TaskThreads.Call c1 = t1.call("io_submit(" + a + ", PREAD:1:" + from + ":8)", wchan,
                () -> LibcFile.write(pfd, new byte[1]), () -> rec.taskSubmit(t1.name(), a, List.of(Iocb.pread(1, from, 8))));
        asleep(tasks, c1);
        rec.write(peer, 3);
        c1.await();
        rec.aioGetevents(a, 0, 4);
        TaskThreads.Call c2 = t1.call("io_submit(" + a + ", PREAD:2:" + from + ":8)", wchan,
                () -> LibcFile.write(pfd, new byte[1]), () -> rec.taskSubmit(t1.name(), a, List.of(Iocb.pread(2, from, 8))));
        asleep(tasks, c2);
        rec.closeFd(peer);
        c2.await();
        rec.aioGetevents(a, 0, 4);
        rec.aioDestroy(a);
    }

    static Scenario submitSleepsOnBlockingUnix() {
        return CompletionScenarios.threaded("aio-submit-sleeps-on-blocking-unix", """
                IOCB_CMD_PREAD of an empty blocking AF_UNIX stream socket (A-SUB-09) sleeps inside \
                io_submit, as a blocking pipe's does: fs/aio.c aio_read calls net/socket.c \
                sock_read_iter in the submitting task (no MSG_DONTWAIT: neither O_NONBLOCK nor \
                IOCB_NOWAIT), and unix_stream_read_generic waits in unix_stream_data_wait (wchan \
                unix_stream_read_generic, into which it is inlined). With RWF_NOWAIT (IOCB_NOWAIT: \
                MSG_DONTWAIT; sockets are FMODE_NOWAIT) the read of the empty blocking socket does not \
                sleep and completes with -EAGAIN. t1 submits a read of 8 bytes; \
                the main task's write of 3 to the peer wakes it, the read takes the 3 and aio_rw_done \
                completes the iocb: io_submit returns 1 and the event is in the ring (res 3). A second \
                read sleeps the same way until the peer is closed: unix_release_sock shuts s0 down \
                and wakes it, and the read completes with 0 (end of file).""", false, (rec, tasks) -> {
            String a = rec.aioSetup(4);
            String s0 = rec.socketpair(false);
            String s1 = "s" + (Integer.parseInt(s0.substring(1)) + 1);
            rec.aioSubmit(a, List.of(Iocb.pread(3, s0, 8).rwFlags(kpath.uapi.AioAbi.RWF_NOWAIT)));
            rec.aioGetevents(a, 0, 4);
            readsWokenByWriteThenClose(rec, tasks, a, s0, s1, Wchan.UNIX_READ);
        });
    }

    static Scenario destroyWhileSubmitSleeps() {
        return CompletionScenarios.threaded("aio-destroy-while-submit-sleeps", """
                io_destroy of a context while another task sleeps inside io_submit on it, in the read of an \
                empty blocking pipe (A-DES-01). fs/aio.c io_destroy -> kill_ioctx kills the context at \
                once, then waits in wait_for_completion, uninterruptibly (state D; wchan \
                __x64_sys_io_destroy, as wait_for_completion is __sched), until the context's requests \
                are done; the read holds one (aio_get_req) and sleeps on in anon_pipe_read, untouched. \
                The main task's write wakes the reader: its read takes the 3 bytes, aio_rw_done posts \
                the event into the killed context's ring, io_submit returns 1, and iocb_destroy's \
                percpu_ref_put of the last request lets io_destroy return 0. The event is never read: \
                io_getevents of the destroyed context is EINVAL.""", false, (rec, tasks) -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2(false);
            String w = writer(r);
            int wfd = rec.fd(w);
            TaskThreads.Task t1 = tasks.start();
            TaskThreads.Call c1 = t1.call("io_submit(" + a + ", PREAD:1:" + r + ":8)", Wchan.PIPE_READ,
                    () -> LibcFile.write(wfd, new byte[1]), () -> rec.taskSubmit(t1.name(), a, List.of(
                            Iocb.pread(1, r, 8))));
            asleep(tasks, c1);
            TaskThreads.Task t2 = tasks.start();
            TaskThreads.Call c2 = t2.call("io_destroy(" + a + ")", Wchan.IO_DESTROY,
                    () -> LibcFile.write(wfd, new byte[1]), () -> rec.taskDestroy(t2.name(), a));
            asleep(tasks, c2);
            asleep(tasks, c1);
            rec.write(w, 3);
            c1.await();
            c2.await();
            rec.aioGetevents(a, 0, 4);
        });
    }

    static Scenario destroyPutsPolledFileLater() {
        return CompletionScenarios.threaded("aio-destroy-puts-polled-file-later", """
                io_destroy of a context whose waiting IOCB_CMD_POLL holds the last reference to a pipe's \
                read end (its fd closed; A-DES-01). fs/aio.c io_destroy -> kill_ioctx: free_ioctx_users \
                cancels the poll (aio_poll_cancel queues aio_poll_complete_work), a kernel worker \
                completes it, and iocb_put's fput, from a worker, hands __fput to delayed_fput_work \
                (fs/file_table.c fput), a jiffy later; io_destroy waits for its requests \
                (wait_for_completion), not for that fput. So the write right after io_destroy may \
                still find the reader (1) or not (EPIPE), as delayed_fput_work ran first or not: both \
                seen on this machine (CONFIG_HZ=250: a jiffy is 4 ms), one kept in other-outcomes/. t1 then polls the write end for \
                POLLERR alone, 2 s at most: the read end's release, when delayed_fput_work runs, wakes \
                it with POLLERR (pipe_release), if it has not already, and the next write is EPIPE.""", false, (rec, tasks) -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2();
            String w = writer(r);
            rec.write(w, 1); // the write path once before (its first call is slow), the pipe emptied again
            rec.read(r, 8);
            rec.aioSubmit(a, List.of(Iocb.poll(1, r, POLLIN)));
            rec.closeFd(r);
            rec.aioDestroy(a);
            writerSeesTheReaderGo(rec, tasks, w);
        });
    }

    static Scenario enterTimeout() {
        return CompletionScenarios.threaded("io-uring-enter-ext-arg-timeout", """
                io_uring_enter with IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG and a struct \
                io_uring_getevents_arg whose ts is a timeout (U-ENT-04; io_uring/io_uring.c \
                io_uring_enter, io_get_ext_arg, io_cqring_wait). An argsz other than \
                sizeof(struct io_uring_getevents_arg), 24, is -EINVAL from io_get_ext_arg, after the \
                submission and before the wait, so io_uring_enter returns it only when it submitted \
                nothing (with a NOP submitted: 1). The u32 after sigmask_sz, "pad" in the catalogue, is \
                min_wait_usec since 6.12 and not checked: with the wait met at once the call returns \
                0. t1 waits for 1 CQE, 200 ms, with the CQ empty: its timer fires in io_cqring_wait \
                and it returns -ETIME; submitting a NOP and waiting for 2, it returns 1, the count it \
                submitted; waiting for 2 with 1 CQE in the CQ, 0 (io_cqring_wait: "cq.head == \
                cq.tail ? ret : 0"). Waiting for 1 with 5 s, it is woken by the main task's NOP and \
                returns 0 before its timer.""", true, (rec, tasks) -> {
            String u = rec.setup(2);
            rec.submitExt(u, List.of(), 1, 16, 0, 200);
            rec.submitExt(u, List.of(Sqe.nop(1)), 1, 16, 0, 200);
            rec.submitExt(u, List.of(), 1, kpath.uapi.IoUringAbi.GETEVENTS_ARG_SIZE, 1, 200);
            rec.reap(u);
            TaskThreads.Task t1 = tasks.start();
            TaskThreads.Call c1 = t1.call("io_uring_enter(" + u + ", -, 1, GETEVENTS|EXT_ARG, 200)", Wchan.IO_URING_ENTER,
                    rec.nopsFor(u), () -> rec.taskEnterTimed(t1.name(), u, List.of(), 1, 200));
            asleep(tasks, c1);
            c1.await();
            TaskThreads.Call c2 = t1.call("io_uring_enter(" + u + ", NOP:2, 2, GETEVENTS|EXT_ARG, 200)", Wchan.IO_URING_ENTER,
                    rec.nopsFor(u), () -> rec.taskEnterTimed(t1.name(), u, List.of(Sqe.nop(2)), 2, 200));
            asleep(tasks, c2);
            c2.await();
            rec.reap(u);
            rec.enter(u, List.of(3L), 0, 0);
            TaskThreads.Call c3 = t1.call("io_uring_enter(" + u + ", -, 2, GETEVENTS|EXT_ARG, 200)", Wchan.IO_URING_ENTER,
                    rec.nopsFor(u), () -> rec.taskEnterTimed(t1.name(), u, List.of(), 2, 200));
            asleep(tasks, c3);
            c3.await();
            rec.reap(u);
            TaskThreads.Call c4 = t1.call("io_uring_enter(" + u + ", -, 1, GETEVENTS|EXT_ARG, 5000)", Wchan.IO_URING_ENTER,
                    rec.nopsFor(u), () -> rec.taskEnterTimed(t1.name(), u, List.of(), 1, 5000));
            asleep(tasks, c4);
            rec.enter(u, List.of(4L), 0, 0);
            c4.await();
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario drain() {
        return CompletionScenarios.threaded("io-uring-drain", """
                IOSQE_IO_DRAIN (U-DRN-01; io_uring/io_uring.c io_init_drain, io_drain_req, \
                io_queue_deferred, __io_submit_flush_completions). A drained NOP behind a waiting \
                POLL_ADD goes onto the defer list, and so does every SQE after it while drain_active \
                is set (the NOP submitted alone next): nothing completes. The write completes the poll \
                (its task work runs as the write returns); the flush after it finds every allocated \
                request on the defer list ("nr_req_allocated != nr_drained" no more) and hands the \
                drained NOP, forced async, to io-wq. A worker posts its CQE later; the submitter's \
                task work frees it, and the flush after that releases the NOP behind it to io-wq too. \
                A reap right after the write takes what is there; t1 waits, 2 s at most, for the rest \
                of the four. A drained NOP with nothing in flight still goes through io-wq: after each \
                of the last three submissions a reap, and if it found nothing, t1 waits (2 s at most) \
                for the CQE. drain_active stays set until a later SQE without the flag finds the list \
                empty, so the NOP after it goes through io-wq too (or waits for the drained one's \
                free); only then does a NOP complete inline again, or, when the free came late, that \
                NOP too is forced async. When each CQE appears depends on the workers and on when the \
                submitter runs its task work: the model allows every order the kernel does. On some \
                runs here NOP 6's CQE, or NOP 5's too, was not there yet at the reap after its \
                submission and t1 waited for it; one such run is kept in other-outcomes/.""", true, (rec, tasks) -> {
            String u = rec.setup(4);
            String r = rec.pipe2();
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false), Sqe.nop(2).drained(), Sqe.nop(3)), 0, 0);
            rec.reap(u);
            rec.submit(u, List.of(Sqe.nop(4)), 0, 0);
            rec.reap(u);
            rec.write(writer(r), 1);
            TaskThreads.Task t1 = tasks.start();
            int missing = 4 - rec.reap(u).size(); // the poll's CQE at least; the NOPs' as io-wq got to them
            if (missing > 0) {
                waitFor(rec, t1, u, missing);
            }
            for (long ud = 5; ud <= 7; ud++) { // drained alone, then two NOPs without the flag
                Sqe q = ud == 5 ? Sqe.nop(ud).drained() : Sqe.nop(ud);
                rec.submit(u, List.of(q), 0, 0);
                if (rec.reap(u).isEmpty()) { // through io-wq, not posted yet
                    waitFor(rec, t1, u, 1);
                }
            }
            rec.close(u);
        });
    }

    /** t1 waits, 2 s at most, for {@code n} CQEs ({@code io_uring_enter(u, -, n, GETEVENTS|EXT_ARG)}); then a reap. */
    static Scenario linkEndsWithTheCall() {
        return CompletionScenarios.threaded("io-uring-link-ends-with-the-call", """
                A link flag on the last SQE of a submission ends the chain there: chains do not span \
                io_uring_enter calls (U-LNK-06; io_uring/io_uring.c io_submit_sqe, \
                io_submit_state_end). The chain still open when the SQEs run out is not issued \
                inline: io_submit_state_end hands it to io_queue_sqe_fallback, which queues it to \
                io-wq (io_queue_iowq), so NOP 1, linked and alone, completes with 0 from a worker, at \
                the worker's time: a reap right after, and if it found nothing, t1 waits (2 s at \
                most) for the CQE. NOP 2 in the next call does not wait for NOP 1: it completes \
                inline, 0.""", true, (rec, tasks) -> {
            String u = rec.setup(4);
            TaskThreads.Task t1 = tasks.start();
            rec.submit(u, List.of(Sqe.nop(1).linked()), 0, 0);
            if (rec.reap(u).isEmpty()) { // through io-wq, not posted yet
                waitFor(rec, t1, u, 1);
            }
            rec.submit(u, List.of(Sqe.nop(2)), 0, 0);
            rec.reap(u);
            rec.close(u);
        });
    }

    static Scenario ringCloseCancelsLater() {
        return CompletionScenarios.threaded("io-uring-close-cancels-later", """
                Closing a ring cancels what it still holds, asynchronously (U-CAN-07; \
                io_uring/io_uring.c io_uring_release -> io_ring_ctx_wait_and_kill): a POLL_ADD of a \
                pipe's read end holds the last reference to it (its fd closed); close(u0) kills the \
                ring's references and queues io_ring_exit_work on a workqueue, which cancels the poll \
                (io_uring_try_cancel_requests) later; the request drops the file only then. So the \
                write right after close(u0) may still find the reader. t1 then polls the write end for \
                POLLERR alone, 2 s at most: the read end's release wakes it (pipe_release), if it has \
                not already, and the next write is EPIPE.""", false, (rec, tasks) -> {
            String u = rec.setup(4);
            String r = rec.pipe2();
            String w = writer(r);
            rec.write(w, 1); // the write path once before (its first call is slow), the pipe emptied again
            rec.read(r, 8);
            rec.submit(u, List.of(Sqe.pollAdd(1, r, POLLIN, false)), 0, 0);
            rec.reap(u);
            rec.closeFd(r);
            rec.close(u);
            writerSeesTheReaderGo(rec, tasks, w);
        });
    }

    static void waitFor(CompletionRecorder rec, TaskThreads.Task t1, String u, int n) {
        TaskThreads.Call c = t1.call("io_uring_enter(" + u + ", -, " + n + ", GETEVENTS|EXT_ARG, 2000)", Wchan.IO_URING_ENTER,
                rec.nopsFor(u), () -> rec.taskEnterTimed(t1.name(), u, List.of(), n, 2000));
        c.await();
        rec.reap(u);
    }

    /** The pipe's write end for its read end rK. */
    static String writer(String r) {
        return "w" + r.substring(1);
    }

    /** Waits, bounded, until the call's task is seen asleep in its call; the scenario fails if it is not. */
    /**
     * After the last reader's fd is closed but a request still holds the pipe's read end: a write
     * of 1 finds the reader there or gone; t1 waits for POLLERR on {@code w} (pipe_release's wake-up
     * when the held file is put at last, at most 2 s); a last write is EPIPE.
     */
    private static void writerSeesTheReaderGo(CompletionRecorder rec, TaskThreads tasks, String w) throws Exception {
        rec.write(w, 1);
        TaskThreads.Task t1 = tasks.start();
        TaskThreads.Call c1 = t1.call("poll(" + w + "=POLLERR, 2000)", Wchan.POLL, null,
                () -> rec.taskPoll(t1.name(), w, kpath.uapi.Mask.ERR, 2000));
        c1.await();
        rec.write(w, 1);
    }

    static void asleep(TaskThreads tasks, TaskThreads.Call c) {
        if (!tasks.observeSleeping(c)) {
            throw new IllegalStateException(c.task().name() + " was not seen asleep in its call");
        }
    }
}
