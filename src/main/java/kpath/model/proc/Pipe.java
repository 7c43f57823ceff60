package kpath.model.proc;

import kpath.model.proc.OpenFile.PipeRead;
import kpath.model.proc.OpenFile.PipeWrite;
import kpath.model.proc.ProcAction.Pipe2;
import kpath.uapi.Errno;
import kpath.uapi.Mask;
import kpath.uapi.SigPoll;

import static kpath.model.proc.ProcRule.*;

/**
 * fs/pipe.c: a pipe made by pipe2(O_NONBLOCK), its read end holding the contents. The pipe never
 * fills here, so writes never wait and reads wake no writer; pipe_write's poll_usage is taken as
 * set (every modelled pipe is polled before it is written), so every write wakes the readers.
 */
final class Pipe {
    private Pipe() {}

    static ProcRule pipe2(World w, Pipe2 p) {
        ProcRule made = FdTable.install(w, p.r(), p.rn(), new PipeRead(p.w(), 0, true), p.w(), p.wn(),
                new PipeWrite(p.r(), true), Pipe2Ok);
        return FdTable.blocking(w, made, p.nonblock(), p.r(), p.w()); // pipe2(0): its reads may sleep (only io_submit's here)
    }

    /** kernel: pipe_poll, read side — data, and HUP once no writer is left. */
    static int pollRead(PipeRead p) {
        return (p.bytes() > 0 ? Mask.IN | Mask.RDNORM : 0) | (p.writerAlive() ? 0 : Mask.HUP);
    }

    /** kernel: pipe_poll, write side — always room here, ERR once no reader is left. */
    static int pollWrite(PipeWrite p) {
        return Mask.OUT | Mask.WRNORM | (p.readerAlive() ? 0 : Mask.ERR);
    }

    /** kernel: pipe_write — EPIPE without readers; else the data, a wake-up of the readers, SIGIO. */
    static ProcRule write(World w, PipeWrite p, long n) {
        if (!p.readerAlive()) {
            return w.fail(Errno.EPIPE, IoEpipe); // !pipe->readers
        }
        PipeRead r = (PipeRead) w.files.get(p.reader());
        w.files.put(p.reader(), new PipeRead(r.writer(), r.bytes() + n, r.writerAlive()));
        Wait.wake(w, p.reader(), Mask.IN | Mask.RDNORM);
        Fasync.killFasync(w, p.reader(), SigPoll.POLL_IN); // kill_fasync(&pipe->fasync_readers, SIGIO, POLL_IN)
        w.ret = n;
        return WritePipe;
    }

    /**
     * kernel: pipe_read — the data; with none, 0 once no writer is left, else EAGAIN. Whatever it
     * returns, a read of some bytes ends in kill_fasync(&pipe->fasync_writers).
     */
    static ProcRule read(World w, String file, PipeRead p, long n) {
        if (n == 0) {
            w.ret = 0;
            return ReadPipe; // "Null read succeeds": before any EAGAIN, EOF or kill_fasync
        }
        Fasync.killFasync(w, p.writer(), SigPoll.POLL_OUT); // kill_fasync(&pipe->fasync_writers, SIGIO, POLL_OUT)
        if (p.bytes() == 0) {
            if (!p.writerAlive()) {
                w.ret = 0;
                return ReadPipeEof; // !pipe->writers
            }
            return w.fail(Errno.EAGAIN, ReadPipeEagain);
        }
        long k = Math.min(n, p.bytes());
        w.files.put(file, new PipeRead(p.writer(), p.bytes() - k, p.writerAlive()));
        w.ret = k;
        return ReadPipe; // the pipe was never full, so no writer is woken
    }

    /** kernel: pipe_release of the read end — the writer sees ERR: woken without a key, and SIGIO. */
    static void releaseRead(World w, PipeRead p) {
        if (w.files.get(p.writer()) instanceof PipeWrite pw) {
            w.files.put(p.writer(), new PipeWrite(pw.reader(), false));
            Wait.wake(w, p.writer(), 0);
            Fasync.killFasync(w, p.writer(), SigPoll.POLL_OUT); // pipe_release
        }
    }

    /** kernel: pipe_release of the write end — the reader sees HUP: woken without a key, and SIGIO. */
    static void releaseWrite(World w, PipeWrite p) {
        if (w.files.get(p.reader()) instanceof PipeRead pr) {
            w.files.put(p.reader(), new PipeRead(pr.writer(), pr.bytes(), false));
            Wait.wake(w, p.reader(), 0);
            Fasync.killFasync(w, p.reader(), SigPoll.POLL_IN); // pipe_release
        }
    }
}
