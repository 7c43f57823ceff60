package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Regular;
import kpath.model.proc.ProcAction.Dup;
import kpath.model.proc.ProcAction.Open;
import kpath.uapi.Errno;

import static kpath.model.proc.ProcRule.*;

/**
 * fs/file.c: fd numbers. Creation calls carry the names and numbers the kernel gave (alloc_fd's
 * choice is not modelled); a name is never reused, and a number an open fd holds is never handed out.
 */
final class FdTable {
    private FdTable() {}

    /**
     * Installs the new file {@code fa} under fd {@code a}:{@code an}, and {@code fb} under
     * {@code b}:{@code bn} when {@code b} is not null (pipe2, socketpair). The rule, or null when a
     * name is taken or a number open.
     */
    static ProcRule install(World w, String a, int an, OpenFile fa, String b, int bn, OpenFile fb,
                                 ProcRule rule) {
        if (w.numbers.containsKey(a) || (b != null && (w.numbers.containsKey(b) || b.equals(a)))) {
            return null; // names are fresh
        }
        if (w.numberOpen(an) || (b != null && (w.numberOpen(bn) || an == bn))) {
            return null; // alloc_fd never hands out a number an open fd holds
        }
        w.numbers.put(a, an);
        w.fds.put(a, a);
        w.files.put(a, fa);
        if (b != null) {
            w.numbers.put(b, bn);
            w.fds.put(b, b);
            w.files.put(b, fb);
        }
        w.ret = b == null ? an : 0; // pipe2 and socketpair return 0 and copy out int fds[2]
        if (b != null) {
            w.out = new CopyOut.FdPair(an, bn);
        }
        return rule;
    }

    /** Marks files created without O_NONBLOCK (a read of them sleeps); passes the creation's rule through. */
    static ProcRule blocking(World w, ProcRule created, boolean nonblock, String... ids) {
        if (created != null && !nonblock) {
            w.blocking.addAll(List.of(ids));
        }
        return created;
    }

    /** openat of a regular file (read-only, O_DIRECT or not): no poll method. */
    static ProcRule open(World w, Open o) {
        return install(w, o.name(), o.number(), new Regular(o.direct(), o.size(), o.align()), null, 0, null, OpenOk);
    }

    /** kernel: fs/file.c dup → f_dupfd: a new number for the same open file. */
    static ProcRule dup(World w, Dup d) {
        if (w.numbers.containsKey(d.name())) {
            return null;
        }
        String file = w.fileOf(d.fd());
        if (file == null) {
            return w.fail(Errno.EBADF, Ebadf); // fget_raw fails
        }
        if (w.numberOpen(d.number())) {
            return null;
        }
        w.numbers.put(d.name(), d.number());
        w.fds.put(d.name(), file);
        w.ret = d.number();
        return DupOk;
    }
}
