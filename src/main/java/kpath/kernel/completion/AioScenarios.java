package kpath.kernel.completion;

import java.util.List;
import kpath.kernel.LibcAio;
import kpath.kernel.Scenario;

import static kpath.kernel.completion.CompletionScenarios.POLLIN;
import static kpath.kernel.completion.CompletionScenarios.aioScenario;

/** The native AIO scenarios of the completion battery (fs/aio.c). Row ids refer to the completions catalogue. */
final class AioScenarios {
    private AioScenarios() {}

    static Scenario aioPoll() {
        return aioScenario("aio-poll-and-getevents", """
                Native AIO (A-SET-01, A-POLL-01, A-GEV-01): io_setup of 0 events is EINVAL; an \
                IOCB_CMD_POLL of an empty pipe waits, and the write that wakes it completes it at \
                once with the wake-up's whole key as res (POLLIN|POLLRDNORM, 65: fs/aio.c \
                aio_poll_wake does not mask it), where io_uring's poll reports POLLIN alone; a poll \
                of a ready pipe completes inside io_submit with the polled mask (POLLIN, 1). \
                io_getevents with a zero timeout takes what is there, oldest first; a destroyed \
                context is EINVAL.""", rec -> {
            rec.aioSetup(0);
            String a = rec.aioSetup(1);
            String r = rec.pipe2();
            rec.aioSubmitPoll(a, 7, r, POLLIN);
            rec.aioGetevents(a, 0, 4);
            rec.write("w" + r.substring(1), 1);
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmitPoll(a, 8, r, POLLIN);
            rec.aioSubmitPoll(a, 9, r, POLLIN);
            rec.aioGetevents(a, 1, 1);
            rec.aioGetevents(a, 0, 4);
            rec.aioDestroy(a);
            rec.aioGetevents(a, 0, 4);
        });
    }

    static Scenario submitStopsShort() {
        return aioScenario("aio-submit-stops-at-first-failure", """
                io_submit of several iocbs (A-SUB-01, A-SUB-02, A-EVF-01) takes them in order and \
                stops at the first that fails: it returns how many it took, and the failing iocb's \
                error is not reported (fs/aio.c io_submit: "return i ? i : ret"); when the first \
                fails it returns that error. A closed fd is EBADF (fget), an IOCB_FLAG_RESFD naming \
                a pipe is EINVAL (eventfd_ctx_fdget). The pipe r0 is readable, so each poll taken \
                completes inside io_submit (POLLIN, 1); those after the failing one are never \
                submitted.""", rec -> {
            String a = rec.aioSetup(4);
            String r0 = rec.pipe2();
            String r1 = rec.pipe2();
            rec.eventfd();
            rec.closeFd(r1);
            rec.write("w" + r0.substring(1), 1);
            rec.aioSubmit(a, List.of(Iocb.poll(1, r0, POLLIN), Iocb.poll(2, r1, POLLIN), Iocb.poll(3, r0, POLLIN)));
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmit(a, List.of(Iocb.poll(4, r1, POLLIN), Iocb.poll(5, r0, POLLIN)));
            rec.aioGetevents(a, 0, 4);
            String w0 = "w" + r0.substring(1);
            rec.aioSubmit(a, List.of(Iocb.poll(6, r0, POLLIN), new Iocb(7, r0, POLLIN, w0)));
            rec.aioSubmit(a, List.of(new Iocb(8, r0, POLLIN, w0)));
            rec.aioSubmit(a, List.of(Iocb.poll(9, r0, POLLIN), Iocb.poll(10, r0, POLLIN), Iocb.poll(11, r0, POLLIN)));
            rec.aioGetevents(a, 0, 8);
            rec.aioDestroy(a);
        });
    }

    static Scenario cancelPoll() {
        return aioScenario("aio-cancel-poll", """
                io_cancel of a waiting IOCB_CMD_POLL (A-CAN-01) returns EINPROGRESS, not 0: \
                aio_poll_cancel queues the poll's completion work, and a kernel worker completes it \
                through the ring with res 0, as nothing is ready (fs/aio.c aio_poll_complete_work: \
                res = mangle_poll(mask), not -ECANCELED). io_getevents with min_nr 1 and a timeout \
                of 1000 ms waits for that worker. A second cancel of the same iocb, one of an iocb \
                never submitted, and one of a poll that has completed are EINVAL (A-CAN-02: no \
                active request). The other poll still waits, and a write completes it with the \
                wake-up's key (65).""", rec -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2();
            rec.aioSubmitPoll(a, 1, r, POLLIN);
            rec.aioSubmitPoll(a, 2, r, POLLIN);
            rec.aioCancel(a, 1);
            rec.aioGetevents(a, 1, 4, 1000);
            rec.aioCancel(a, 1);
            rec.aioCancel(a, 99);
            rec.write("w" + r.substring(1), 1);
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmitPoll(a, 3, r, POLLIN);
            rec.aioCancel(a, 3);
            rec.aioGetevents(a, 0, 4);
            rec.aioDestroy(a);
        });
    }

    static Scenario resfd() {
        return aioScenario("aio-resfd-signals-eventfd", """
                IOCB_FLAG_RESFD (A-EVF-01): each completion of such an iocb adds 1 to its eventfd \
                (fs/aio.c aio_complete -> eventfd_signal), after its event is in the ring. A poll of \
                an empty pipe with RESFD v0 waits and v0 stays 0 (read: EAGAIN); a second poll, of \
                v0 itself, waits too. The write to the pipe completes the first (65), whose \
                eventfd_signal wakes v0's queue with POLLIN, which completes the second at once \
                (res 1): the eventfd's wake-up is the same one epoll and poll see. A poll of the \
                now readable pipe completes inside io_submit and signals v0 again. Inline only \
                when ctx_lock is free (aio_poll_wake: spin_trylock_irqsave); else the wake-up \
                leaves the poll to a kernel worker, which polls again (res 1, not 65): one such \
                run is kept in other-outcomes/.""", rec -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2();
            String v = rec.eventfd();
            rec.aioSubmit(a, List.of(new Iocb(1, r, POLLIN, v)));
            rec.read(v, 8);
            rec.aioSubmitPoll(a, 2, v, POLLIN);
            rec.write("w" + r.substring(1), 1);
            rec.aioGetevents(a, 0, 4);
            rec.read(v, 8);
            rec.aioSubmit(a, List.of(new Iocb(3, r, POLLIN, v)));
            rec.aioGetevents(a, 0, 4);
            rec.read(v, 8);
            rec.aioDestroy(a);
        });
    }

    static Scenario preadPwritePipe() {
        return aioScenario("aio-pread-pwrite-pipe", """
                IOCB_CMD_PREAD and PWRITE of an O_NONBLOCK pipe (A-SUB-05, A-SUB-08, A-SUB-02) are done                 inside io_submit by the pipe's own read_iter and write_iter, and the iocb completes                 with what they returned (fs/aio.c aio_read, aio_write, aio_rw_done): a read of the                 empty pipe with -EAGAIN (-11), a write with its byte count, also signalling its                 RESFD eventfd. A write wakes a waiting IOCB_CMD_POLL of the read end like write(2)                 does (65), before its own completion. A read of the write end is EBADF (not                 FMODE_READ). Once the writer is closed a read of the empty pipe completes with 0.                 (On a blocking pipe io_submit sleeps inside the call, in pipe_read: not modelled.)""", rec -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            String v = rec.eventfd();
            rec.aioSubmit(a, List.of(Iocb.pread(1, r, 8)));
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmit(a, List.of(Iocb.pwrite(2, w, 3, v)));
            rec.aioGetevents(a, 0, 4);
            rec.read(v, 8);
            rec.aioSubmit(a, List.of(Iocb.pread(3, r, 8)));
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmit(a, List.of(Iocb.pread(4, w, 8)));
            rec.aioSubmitPoll(a, 5, r, POLLIN);
            rec.aioSubmit(a, List.of(Iocb.pwrite(6, w, 1, null), Iocb.pread(7, r, 8)));
            rec.aioGetevents(a, 0, 4);
            rec.closeFd(w);
            rec.aioSubmit(a, List.of(Iocb.pread(8, r, 8)));
            rec.aioGetevents(a, 0, 4);
            rec.aioDestroy(a);
        });
    }

    static Scenario preadPwriteUnix() {
        return aioScenario("aio-pread-pwrite-unix", """
                IOCB_CMD_PREAD and PWRITE of an O_NONBLOCK AF_UNIX stream socketpair (A-SUB-05, \
                A-SUB-08) are done inside io_submit by the socket's own read_iter and write_iter \
                (net/socket.c sock_read_iter, sock_write_iter -> unix_stream_recvmsg, \
                unix_stream_sendmsg), and the iocb completes with what they returned (fs/aio.c \
                aio_rw_done): a read of the empty socket with -EAGAIN (-11), a write of 3 bytes with \
                3, the read after it with the 3. A write to s1 wakes a waiting IOCB_CMD_POLL of s0 \
                as write(2) does, with sock_def_readable's whole key (POLLIN|POLLPRI|POLLRDNORM|\
                POLLRDBAND, 195). A read and a write at aio_offset 1 complete with -ESPIPE \
                (sock_read_iter, sock_write_iter: ki_pos must be 0), the write sending nothing. Once the peer is closed a read of the empty socket completes with 0.""", rec -> {
            String a = rec.aioSetup(4);
            String s0 = rec.socketpair();
            String s1 = "s" + (Integer.parseInt(s0.substring(1)) + 1);
            rec.aioSubmit(a, List.of(Iocb.pread(1, s0, 8)));
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmit(a, List.of(Iocb.pwrite(2, s1, 3, null)));
            rec.aioSubmit(a, List.of(Iocb.pread(3, s0, 8)));
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmitPoll(a, 4, s0, POLLIN);
            rec.aioSubmit(a, List.of(Iocb.pwrite(5, s1, 1, null), Iocb.pread(6, s0, 8)));
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmit(a, List.of(Iocb.pread(7, s0, 8).at(1)));
            rec.aioSubmit(a, List.of(Iocb.pwrite(9, s1, 1, null).at(1)));
            rec.aioGetevents(a, 0, 4);
            rec.closeFd(s1);
            rec.aioSubmit(a, List.of(Iocb.pread(8, s0, 8)));
            rec.aioGetevents(a, 0, 4);
            rec.aioDestroy(a);
        });
    }

    static Scenario preadRegularFile() {
        return aioScenario("aio-pread-regular-file", """
                IOCB_CMD_PREAD of a regular file without O_DIRECT (A-SUB-05) is a buffered read, done                 inside io_submit: the event is in the ring when io_submit returns, and io_getevents                 with a zero timeout takes it (res 0: the file, made empty for the scenario in the                 temporary directory, has nothing to read). A PWRITE of the file, opened read-only,                 is EBADF (fs/aio.c aio_write: not FMODE_WRITE), and stops the batch after the read                 before it.""", rec -> {
            onEmptyFile(rec, (a, f) -> {
                rec.aioSubmit(a, List.of(Iocb.pread(1, f, 8)));
                rec.aioGetevents(a, 0, 4);
                rec.aioSubmit(a, List.of(Iocb.pread(2, f, 8), Iocb.pwrite(3, f, 8, null)));
                rec.aioSubmit(a, List.of(Iocb.pwrite(4, f, 8, null)));
                rec.aioGetevents(a, 0, 4);
            });
        });
    }

    static Scenario fsync() {
        return aioScenario("aio-fsync", """
                IOCB_CMD_FSYNC and IOCB_CMD_FDSYNC of a regular file (A-FSY-01) are always done by a \
                kernel worker (fs/aio.c aio_fsync: schedule_work(aio_fsync_work), which completes the \
                iocb with vfs_fsync's result): io_submit returns 1 and io_getevents, waiting up to 1 s \
                for one event, takes it with res 0 (the file, in the temporary directory, was not \
                written). io_cancel of a FSYNC is EINVAL whether or not the worker has run: it is not \
                on the context's active requests. A FSYNC of a pipe, of an AF_UNIX socket or an \
                FDSYNC of an eventfd is EINVAL (aio_fsync: no ->fsync), and so is one with aio_nbytes \
                or aio_offset set, after the FSYNC before it was taken.""", rec -> {
            onEmptyFile(rec, (a, f) -> {
                rec.aioSubmit(a, List.of(Iocb.fsync(1, f, false)));
                rec.aioGetevents(a, 1, 4, 1000);
                rec.aioSubmit(a, List.of(Iocb.fsync(2, f, true)));
                rec.aioGetevents(a, 1, 4, 1000);
                rec.aioSubmit(a, List.of(Iocb.fsync(3, f, false)));
                rec.aioCancel(a, 3);
                rec.aioGetevents(a, 1, 4, 1000);
                String r = rec.pipe2();
                rec.aioSubmit(a, List.of(Iocb.fsync(4, r, false)));
                String s0 = rec.socketpair();
                String v = rec.eventfd();
                rec.aioSubmit(a, List.of(Iocb.fsync(8, s0, false)));
                rec.aioSubmit(a, List.of(Iocb.fsync(9, v, true)));
                rec.aioSubmit(a, List.of(Iocb.fsync(5, f, true), Iocb.fsync(6, f, false).nbytes(8)));
                rec.aioSubmit(a, List.of(Iocb.fsync(7, f, false).at(1)));
                rec.aioGetevents(a, 1, 4, 1000);
            });
        });
    }

    static Scenario submitEagainWhenSlotsAreHeld() {
        return aioScenario("aio-submit-eagain-when-slots-are-held", """
                More requests than the context has slots is EAGAIN (A-SUB-04; fs/aio.c io_submit_one: \
                aio_get_req, before the fd is looked at). io_setup(1) with the CPUs the header's \
                cpus-possible lists (P): ioctx_alloc makes nr_events max(1, 4P) * 2, aio_setup_ring \
                rounds that (plus 2) up to whole pages of io_events, and one less are the slots, \
                handed to a CPU req_batch = slots / 4P at a time (get_reqs_available): a submitter \
                pinned to one CPU gets whole batches only. Each IOCB_CMD_PREAD of an empty O_NONBLOCK \
                pipe completes inside io_submit with -EAGAIN, and its event holds its slot until \
                io_getevents takes it: io_submit returns 1 until the slots are used up, then EAGAIN. \
                An event taken gives its slot back (user_refill_reqs_available, when the next \
                aio_get_req finds none): a batch of two then takes one and stops short.""", rec -> {
            byte[] old = LibcAio.affinity();
            if (!LibcAio.setAffinity(LibcAio.lowestCpu(old)).ok()) {
                throw new IllegalStateException("sched_setaffinity to one CPU failed");
            }
            try {
                String a = rec.aioSetup(1);
                String r = rec.pipe2();
                int taken = 0;
                while (taken < 4096 && rec.aioSubmit(a, List.of(Iocb.pread(taken + 1, r, 8))).ok()) {
                    taken++;
                }
                rec.aioGetevents(a, 0, 1);
                rec.aioSubmit(a, List.of(Iocb.pread(taken + 2, r, 8), Iocb.pread(taken + 3, r, 8)));
                rec.aioGetevents(a, 0, taken + 8);
                rec.aioDestroy(a);
            } finally {
                LibcAio.setAffinity(old);
            }
        });
    }

    static Scenario setupMapsTheRing() {
        return aioScenario("aio-setup-maps-the-ring", """
                io_setup returns 0 and stores the user address of the event ring it mapped (A-SET-01; \
                fs/aio.c ioctx_alloc, aio_setup_ring: ctx->user_id = ctx->mmap_base). observe \
                aio_ring reads struct aio_ring there and the size of the /[aio] mapping that starts \
                there in /proc/self/maps: nr is ioctx_alloc's max(n, 4P) * 2 (P: the header's \
                cpus-possible), plus 2, rounded up to whole pages of 32-byte io_events after the \
                32-byte header, as many as those pages hold; head = tail = 0, magic 0xa10a10a1, \
                compat_features 1, incompat_features 0, header_length 32. An IOCB_CMD_PREAD of an \
                empty O_NONBLOCK pipe completes inside io_submit (aio_complete moves tail by one); \
                io_getevents takes the event (aio_read_events_ring moves head to tail). A second \
                context of 100 events needs a second page: 255 events in 8192 bytes.""", rec -> {
            String a = rec.aioSetup(1);
            rec.aioRing(a);
            String b = rec.aioSetup(100);
            rec.aioRing(b);
            rec.aioDestroy(b);
            String r = rec.pipe2();
            rec.aioSubmit(a, List.of(Iocb.pread(1, r, 8)));
            rec.aioRing(a);
            rec.aioGetevents(a, 0, 4);
            rec.aioRing(a);
            rec.aioDestroy(a);
        });
    }

    static Scenario pollOfAFileWithoutPoll() {
        return aioScenario("aio-poll-of-a-file-without-poll", """
                IOCB_CMD_POLL of a file without a poll method, a regular file (A-POL-04): fs/aio.c \
                aio_poll's vfs_poll returns DEFAULT_POLLMASK (POLLIN|POLLOUT|POLLRDNORM|POLLWRNORM) and \
                sets up no wait queue. When that meets the events asked for, the poll completes inside \
                io_submit with the masked result (POLLIN 1, POLLOUT 4); when it does not (POLLPRI), the \
                iocb fails with EINVAL ("same as no support for IOCB_CMD_POLL"): io_submit returns it \
                for the first iocb, or stops short after the ones it took.""", rec -> {
            onEmptyFile(rec, (a, f) -> {
                rec.aioSubmit(a, List.of(Iocb.poll(1, f, POLLIN)));
                rec.aioGetevents(a, 0, 4);
                rec.aioSubmit(a, List.of(Iocb.poll(2, f, kpath.uapi.Mask.OUT), Iocb.poll(3, f, kpath.uapi.Mask.PRI)));
                rec.aioSubmit(a, List.of(Iocb.poll(4, f, kpath.uapi.Mask.PRI)));
                rec.aioGetevents(a, 0, 4);
            });
        });
    }

    static Scenario pollHoldsItsFile() {
        return aioScenario("aio-poll-holds-its-file", """
                A waiting IOCB_CMD_POLL holds a reference to its file (fs/aio.c __io_submit_one: fget \
                of aio_fildes, dropped in iocb_destroy): closing the last fd of the read end does not \
                release it, so a write to the pipe still finds its reader (1, not EPIPE) and its \
                wake-up completes the poll (65). The poll's fput, done inside that wake-up, defers \
                __fput to the writer's task work, which runs before write returns to user space: the \
                next write finds no reader (EPIPE). (Left to the worker, when the wake-up finds \
                ctx_lock taken, the fput would wait for delayed_fput_work.)""", rec -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            rec.aioSubmit(a, List.of(Iocb.poll(1, r, POLLIN)));
            rec.closeFd(r);
            rec.write(w, 1);
            rec.aioGetevents(a, 0, 4);
            rec.write(w, 1);
            rec.aioDestroy(a);
        });
    }

    static Scenario setupLimits() {
        return aioScenario("aio-setup-limits", """
                io_setup's limits (A-SET-02, A-SET-03; fs/aio.c io_setup, ioctx_alloc): a context \
                variable that is not 0 (a0 set up before, still in it) is EINVAL; more events than \
                fs.aio-max-nr (the header's) are EAGAIN; a count whose doubled size passes \
                0x10000000 / sizeof(struct io_event), 4194305, is EINVAL, checked before the limit, \
                while 4194304 passes that check and is EAGAIN. Only aio-max-nr itself is modelled: \
                every process's contexts count against it together (aio_nr), which no trace sees. \
                io_getevents with min_nr < 0 or above nr is EINVAL (A-GEV-01).""", rec -> {
            int max = Integer.parseInt(kpath.kernel.ProcNet.fsSysctl(kpath.uapi.AioAbi.AIO_MAX_NR_SYSCTL));
            String a = rec.aioSetup(4);
            rec.aioSetupAgain(4, a);
            rec.aioSetup(max + 1);
            rec.aioSetup(kpath.uapi.AioAbi.IO_SETUP_MAX_NR_EVENTS + 1);
            rec.aioSetup(kpath.uapi.AioAbi.IO_SETUP_MAX_NR_EVENTS);
            rec.aioGetevents(a, -1, 4);
            rec.aioGetevents(a, 2, 1);
            rec.aioGetevents(a, 0, 4);
            rec.aioDestroy(a);
        });
    }

    static Scenario rwFlagsNowait() {
        return aioScenario("aio-rw-flags-nowait", """
                aio_rw_flags (A-SUB-08; fs/aio.c aio_prep_rw -> kiocb_set_rw_flags, include/linux/fs.h): \
                RWF_NOWAIT on a read of an empty blocking pipe does not sleep — anon_pipe_read sees \
                IOCB_NOWAIT as it would O_NONBLOCK — and the iocb completes inside io_submit with res \
                -EAGAIN (-11); with data there it reads it. A bit outside RWF_SUPPORTED fails the iocb \
                itself with EOPNOTSUPP, which io_submit returns for the first iocb (or stops short \
                after the ones it took). On the temporary directory's regular file (ext4 here, which \
                sets FMODE_NOWAIT, so no EOPNOTSUPP), an RWF_NOWAIT read of the empty file completes \
                inside io_submit with res 0, end of file.""", rec -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2(false);
            String w = "w" + r.substring(1);
            rec.aioSubmit(a, List.of(Iocb.pread(1, r, 8).rwFlags(kpath.uapi.AioAbi.RWF_NOWAIT)));
            rec.aioGetevents(a, 0, 4);
            rec.write(w, 2);
            rec.aioSubmit(a, List.of(Iocb.pread(2, r, 8).rwFlags(kpath.uapi.AioAbi.RWF_NOWAIT)));
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmit(a, List.of(Iocb.pread(3, r, 8).rwFlags(0x40000000)));
            rec.aioSubmit(a, List.of(Iocb.poll(4, w, kpath.uapi.Mask.OUT), Iocb.pread(5, r, 8).rwFlags(0x40000000)));
            rec.aioGetevents(a, 0, 4);
            java.nio.file.Path p = java.nio.file.Files.createTempFile("kpath-aio", ".empty");
            try {
                String f = rec.openat(p);
                rec.aioSubmit(a, List.of(Iocb.pread(6, f, 8).rwFlags(kpath.uapi.AioAbi.RWF_NOWAIT)));
                rec.aioGetevents(a, 0, 4);
            } finally {
                java.nio.file.Files.deleteIfExists(p);
            }
            rec.aioDestroy(a);
        });
    }

    static Scenario submitEinvalFields() {
        return aioScenario("aio-submit-einval-fields", """
                The iocb fields io_submit refuses (A-SUB-03, A-SUB-07, A-POL-05), each the iocb's own \
                error, which io_submit returns for the first iocb: aio_reserved2 not 0 is EINVAL \
                before the fd is looked at (fs/aio.c io_submit_one), so even for a closed fd; an \
                opcode fs/aio.c does not know is EINVAL (__io_submit_one), but only after fget, so a \
                closed fd makes it EBADF; a negative aio_offset on a read, of a pipe or of a regular \
                file, is EINVAL from rw_verify_area (fs/read_write.c; aio_read returns it, so it is \
                io_submit's error, not the event's res), while a positive one on a pipe is ignored; \
                IOCB_CMD_POLL with aio_nbytes, aio_offset or aio_rw_flags not 0 is EINVAL (aio_poll). \
                Behind a poll that was taken, a refused iocb makes io_submit stop short: 1.""", rec -> {
            String a = rec.aioSetup(4);
            String r = rec.pipe2();
            String w = "w" + r.substring(1);
            String c = rec.pipe2();
            rec.closeFd(c);
            rec.write(w, 1);
            rec.aioSubmit(a, List.of(Iocb.pread(1, r, 8).reserved2(1)));
            rec.aioSubmit(a, List.of(Iocb.pread(2, c, 8).reserved2(1)));
            rec.aioSubmit(a, List.of(new Iocb("OP9", 3, r, 0, 8, null)));
            rec.aioSubmit(a, List.of(new Iocb("OP9", 4, c, 0, 8, null)));
            rec.aioSubmit(a, List.of(Iocb.pread(5, r, 8).at(-1)));
            rec.aioSubmit(a, List.of(Iocb.poll(6, r, POLLIN).nbytes(1)));
            rec.aioSubmit(a, List.of(Iocb.poll(7, r, POLLIN).at(1)));
            rec.aioSubmit(a, List.of(Iocb.poll(8, r, POLLIN).rwFlags(kpath.uapi.AioAbi.RWF_NOWAIT)));
            rec.aioSubmit(a, List.of(Iocb.poll(9, r, POLLIN), new Iocb("OP9", 10, r, 0, 8, null)));
            rec.aioGetevents(a, 0, 4);
            rec.aioSubmit(a, List.of(Iocb.pread(11, r, 8).at(1)));
            rec.aioGetevents(a, 0, 4);
            java.nio.file.Path p = java.nio.file.Files.createTempFile("kpath-aio", ".empty");
            try {
                String f = rec.openat(p);
                rec.aioSubmit(a, List.of(Iocb.pread(12, f, 8).at(-1)));
                rec.aioSubmit(a, List.of(Iocb.pread(13, f, 8).at(4096)));
                rec.aioGetevents(a, 0, 4);
            } finally {
                java.nio.file.Files.deleteIfExists(p);
            }
            rec.aioDestroy(a);
        });
    }

    static Scenario preadDirectAlignment() {
        return new DirectRead();
    }

    /**
     * A-SUB-06: O_DIRECT reads of a file the scenario writes in the temporary directory before the
     * trace begins; statx and statfs of it go into the header ({@link kpath.uapi.Statx#REGULAR_FILE_KEY}).
     * Skipped, with the reason, where the filesystem refuses O_DIRECT (openat EINVAL, as tmpfs did
     * before 6.6) or states no alignment (statx without STATX_DIOALIGN).
     */
    private record DirectRead() implements Scenario {
        @Override
        public String name() {
            return "aio-pread-o-direct-alignment";
        }

        @Override
        public String narrative() {
            return """
                    IOCB_CMD_PREAD of a file opened with O_DIRECT (A-SUB-06, open question 1), written \
                    in the temporary directory before the trace began (its size, filesystem and \
                    statx's STATX_DIOALIGN in the header's regular-file line). A read at an offset \
                    and of a length that are multiples of stx_dio_offset_align goes to the device: \
                    __iomap_dio_rw returns -EIOCBQUEUED, io_submit returns 1, and the bio's end_io \
                    posts the event with the bytes read (io_getevents with min_nr 1 waits for it). A \
                    read at an offset, or of a length, that is not such a multiple fails in \
                    iomap_dio_bio_iter ("(pos | length) & (alignment - 1)": the bdev's logical block \
                    size, which ext4 reports as stx_dio_offset_align) before any bio: aio_rw_done \
                    completes it inside io_submit with res -EINVAL (-22), and io_submit still \
                    returns 1 (fs/aio.c aio_read). A read at the end of the file completes at once \
                    with 0.""";
        }

        @Override
        public boolean privileged() {
            return false;
        }

        @Override
        public kpath.trace.Trace capture() throws Exception {
            java.nio.file.Path p = java.nio.file.Files.createTempFile("kpath-dio", ".data");
            try {
                String fs = java.nio.file.Files.getFileStore(p).type();
                kpath.kernel.LibcFile.FileStat st = kpath.kernel.LibcFile.stat(p.toString());
                st.result().orThrow("statx");
                int align = st.dioOffsetAlign();
                if ((st.mask() & kpath.uapi.Statx.STATX_DIOALIGN) == 0 || align < 2 || st.dioMemAlign() > 4096) {
                    throw new kpath.kernel.PrivilegeException("the temporary directory's filesystem (" + fs
                            + ") states no O_DIRECT alignment to miss: statx STATX_DIOALIGN mask=0x"
                            + Integer.toHexString(st.mask()) + " dio_offset_align=" + align + " dio_mem_align=" + st.dioMemAlign());
                }
                int size = Math.max(4096, 2 * align) / align * align;
                byte[] data = new byte[size];
                java.util.Arrays.fill(data, (byte) 'k');
                java.nio.file.Files.write(p, data);
                try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
                    c.force(true); // the data on the device, not only in the page cache
                }
                kpath.kernel.SysResult probe = kpath.kernel.LibcFile.openat(kpath.kernel.LibcFile.AT_FDCWD, p.toString(),
                        kpath.kernel.LibcFile.O_RDONLY | kpath.kernel.LibcFile.O_DIRECT);
                if (probe.failedWith(kpath.uapi.Errno.EINVAL.number())) {
                    throw new kpath.kernel.PrivilegeException("the temporary directory's filesystem (" + fs
                            + ") refuses O_DIRECT: openat(O_RDONLY|O_DIRECT) = -1 EINVAL");
                }
                kpath.kernel.LibcFile.close((int) probe.orThrow("openat O_DIRECT").value());
                st = kpath.kernel.LibcFile.stat(p.toString());
                st.result().orThrow("statx");
                java.util.SequencedMap<String, String> sysctls = new java.util.LinkedHashMap<>();
                sysctls.put(kpath.uapi.AioAbi.AIO_MAX_NR_SYSCTL, kpath.kernel.ProcNet.fsSysctl(kpath.uapi.AioAbi.AIO_MAX_NR_SYSCTL));
                String file = "size=" + st.size() + " fs=" + fs + " f_type=0x" + Long.toHexString(st.fType())
                        + " dio_mem_align=" + st.dioMemAlign() + " dio_offset_align=" + st.dioOffsetAlign();
                try (kpath.kernel.Fds fds = new kpath.kernel.Fds(); CompletionRecorder rec = new CompletionRecorder(name(), narrative(),
                        fds, sysctls, List.of(java.util.Map.entry(kpath.uapi.Statx.REGULAR_FILE_KEY, file)))) {
                    String a = rec.aioSetup(4);
                    String f = rec.openatDirect(p);
                    rec.aioSubmit(a, List.of(Iocb.pread(1, f, size)));
                    rec.aioGetevents(a, 1, 4, 2000);
                    rec.aioSubmit(a, List.of(Iocb.pread(2, f, align).at(1)));
                    rec.aioGetevents(a, 0, 4);
                    rec.aioSubmit(a, List.of(Iocb.pread(3, f, align / 2)));
                    rec.aioGetevents(a, 0, 4);
                    rec.aioSubmit(a, List.of(Iocb.pread(4, f, align).at(size)));
                    rec.aioGetevents(a, 0, 4);
                    rec.aioDestroy(a);
                    return rec.end();
                }
            } finally {
                java.nio.file.Files.deleteIfExists(p);
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** What a scenario does with an AIO context and a regular file. */
    private interface FileBody {
        void run(String ctx, String file) throws Exception;
    }

    /**
     * An AIO context (4 events) and an empty regular file in the temporary directory, opened
     * read-only, for {@code body}; then io_destroy, and the file is deleted also on failure.
     */
    private static void onEmptyFile(CompletionRecorder rec, FileBody body) throws Exception {
        java.nio.file.Path p = java.nio.file.Files.createTempFile("kpath-aio", ".empty");
        try {
            String a = rec.aioSetup(4);
            body.run(a, rec.openat(p));
            rec.aioDestroy(a);
        } finally {
            java.nio.file.Files.deleteIfExists(p);
        }
    }
}
