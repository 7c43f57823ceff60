package kpath.model.proc;

import kpath.model.proc.OpenFile.EventFd;
import kpath.model.proc.ProcAction.Eventfd;
import kpath.uapi.Errno;
import kpath.uapi.Mask;

import static kpath.model.proc.ProcRule.*;

/**
 * fs/eventfd.c: an eventfd's 64-bit counter (unsigned; values stay small here). Named EventfdFile
 * because {@link Eventfd} is the syscall.
 */
final class EventfdFile {
    private EventfdFile() {}

    /** ULLONG_MAX as the unsigned counter limit. */
    static final long ULLONG_MAX = -1L;

    static ProcRule eventfd(World w, Eventfd e) {
        ProcRule created = FdTable.install(w, e.name(), e.number(), new EventFd(e.initval(), e.semaphore()),
                null, 0, null, EventfdOk);
        return FdTable.blocking(w, created, e.nonblock(), e.name());
    }

    /** kernel: eventfd_poll — IN above 0, ERR at ULLONG_MAX, OUT while a write of 1 fits. */
    static int poll(EventFd e) {
        return (e.count() != 0 ? Mask.IN : 0) | (e.count() == ULLONG_MAX ? Mask.ERR : 0)
                | (Long.compareUnsigned(ULLONG_MAX - 1, e.count()) > 0 ? Mask.OUT : 0);
    }

    /** kernel: eventfd_write — EINVAL for ULLONG_MAX, EAGAIN when the sum would reach it, else add and wake. */
    static ProcRule write(World w, String file, EventFd e, long n) {
        if (n == ULLONG_MAX) {
            return w.fail(Errno.EINVAL, IoEinval);
        }
        if (Long.compareUnsigned(ULLONG_MAX - e.count(), n) <= 0) {
            return w.fail(Errno.EAGAIN, EventfdEagain);
        }
        w.files.put(file, new EventFd(e.count() + n, e.semaphore()));
        Wait.wake(w, file, Mask.IN); // waitqueue_active → wake_up_locked_poll(EPOLLIN)
        w.ret = 8;
        return WriteEventfd;
    }

    /** kernel: eventfd_read_iter — EINVAL under 8 bytes, EAGAIN at 0, else the count (or 1) and a wake-up. */
    static ProcRule read(World w, String file, EventFd e, long n) {
        if (n < 8) {
            return w.fail(Errno.EINVAL, IoEinval);
        }
        if (e.count() == 0) {
            return w.fail(Errno.EAGAIN, EventfdEagain);
        }
        long value = e.semaphore() ? 1 : e.count();
        w.files.put(file, new EventFd(e.count() - value, e.semaphore()));
        Wait.wake(w, file, Mask.OUT); // wake_up_locked_poll(EPOLLOUT)
        w.ret = 8;
        w.out = new CopyOut.Value(value);
        return ReadEventfd;
    }

    /** kernel: eventfd_signal — the counter goes up by 1 and wakes with EPOLLIN (io_uring's registered eventfd). */
    static void signal(World w, String file) {
        signal(w, file, Mask.IN);
    }

    /** eventfd_signal_mask(ctx, mask): the counter up by 1, a wake-up with EPOLLIN and {@code key} (io_uring's EPOLL_URING_WAKE). */
    static void signal(World w, String file, int key) {
        EventFd e = (EventFd) w.files.get(file);
        w.files.put(file, new EventFd(e.count() + 1, e.semaphore()));
        Wait.wake(w, file, Mask.IN | key);
    }

    /** kernel: eventfd_read_iter sleeps while the counter is zero (8-byte reads only). */
    static boolean wouldSleep(EventFd e, long n) {
        return e.count() == 0 && n >= 8;
    }
}
