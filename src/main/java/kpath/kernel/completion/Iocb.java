package kpath.kernel.completion;

import kpath.kernel.LibcAio;
import kpath.uapi.Mask;

/**
 * One iocb (include/uapi/linux/aio_abi.h struct iocb, read by fs/aio.c io_submit_one) as the
 * trace writes it: {@code POLL:data:fd:MASK} (IOCB_CMD_POLL),
 * {@code PREAD:data:fd:N} or {@code PWRITE:data:fd:N}, {@code FSYNC:data:fd:N} or
 * {@code FDSYNC:data:fd:N} (aio_buf 0), {@code OPk:data:fd:N} for an opcode
 * fs/aio.c does not know; then the fields set beside them: {@code :RWF=FLAGS} (aio_rw_flags:
 * RWF_NOWAIT, or a hex number for other bits), {@code :OFFSET=n} (aio_offset; 0 unless given),
 * {@code :NBYTES=n} (a POLL's aio_nbytes), {@code :RESERVED2=n}, and {@code :RESFD=eventfd}
 * for IOCB_FLAG_RESFD ({@code resfd} null without it).
 */
record Iocb(String op, long data, String fd, int events, int nbytes, String resfd, int rwFlags, long offset,
            long reserved2) {
    Iocb(String op, long data, String fd, int events, int nbytes, String resfd) {
        this(op, data, fd, events, nbytes, resfd, 0, 0, 0);
    }

    Iocb(long data, String fd, int events, String resfd) {
        this("POLL", data, fd, events, 0, resfd);
    }

    static Iocb poll(long data, String fd, int events) {
        return new Iocb(data, fd, events, null);
    }

    static Iocb pread(long data, String fd, int nbytes) {
        return new Iocb("PREAD", data, fd, 0, nbytes, null);
    }

    static Iocb pwrite(long data, String fd, int nbytes, String resfd) {
        return new Iocb("PWRITE", data, fd, 0, nbytes, resfd);
    }

    /** IOCB_CMD_FDSYNC ({@code datasync}) or IOCB_CMD_FSYNC of {@code fd}, aio_buf and aio_nbytes 0. */
    static Iocb fsync(long data, String fd, boolean datasync) {
        return new Iocb(datasync ? "FDSYNC" : "FSYNC", data, fd, 0, 0, null);
    }

    /** The same iocb with aio_rw_flags {@code flags}. */
    Iocb rwFlags(int flags) {
        return new Iocb(op, data, fd, events, nbytes, resfd, flags, offset, reserved2);
    }

    /** The same iocb at aio_offset {@code at}. */
    Iocb at(long at) {
        return new Iocb(op, data, fd, events, nbytes, resfd, rwFlags, at, reserved2);
    }

    /** The same iocb with aio_nbytes {@code n} (a POLL's, which must be 0). */
    Iocb nbytes(int n) {
        return new Iocb(op, data, fd, events, n, resfd, rwFlags, offset, reserved2);
    }

    /** The same iocb with aio_reserved2 {@code r}. */
    Iocb reserved2(long r) {
        return new Iocb(op, data, fd, events, nbytes, resfd, rwFlags, offset, r);
    }

    /** aio_lio_opcode: IOCB_CMD_POLL, PREAD, PWRITE, or the k of {@code OPk}. */
    short opcode() {
        return switch (op) {
            case "POLL" -> LibcAio.IOCB_CMD_POLL;
            case "PREAD" -> LibcAio.IOCB_CMD_PREAD;
            case "PWRITE" -> LibcAio.IOCB_CMD_PWRITE;
            case "FSYNC" -> LibcAio.IOCB_CMD_FSYNC;
            case "FDSYNC" -> LibcAio.IOCB_CMD_FDSYNC;
            default -> Short.parseShort(op.substring(2));
        };
    }

    String text() {
        return op + ":" + data + ":" + fd + ":" + (op.equals("POLL") ? Mask.text(events, "POLL") : Integer.toString(nbytes))
                + (rwFlags == 0 ? "" : ":RWF=" + kpath.uapi.AioAbi.rwFlagsText(rwFlags))
                + (offset == 0 ? "" : ":OFFSET=" + offset)
                + (op.equals("POLL") && nbytes != 0 ? ":NBYTES=" + nbytes : "")
                + (reserved2 == 0 ? "" : ":RESERVED2=" + reserved2)
                + (resfd == null ? "" : ":RESFD=" + resfd);
    }
}
