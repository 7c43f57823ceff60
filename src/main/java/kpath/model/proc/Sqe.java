package kpath.model.proc;

import kpath.uapi.Mask;
import java.util.List;

/**
 * One io_uring submission queue entry (include/uapi/linux/io_uring.h struct io_uring_sqe), as the
 * model's io_uring_enter and SQ publications carry it: its opcode (IORING_OP_ without the prefix; INVALID for one beyond
 * IORING_OP_LAST) and user_data; for POLL_ADD the fd, the requested poll mask and whether it is
 * multishot (IORING_POLL_ADD_MULTI); for READ, WRITE and RECV the fd, the length and (RECV) whether
 * msg_flags has MSG_DONTWAIT; for ASYNC_CANCEL and POLL_REMOVE the user_data of the request to cancel;
 * IOSQE_IO_LINK, IOSQE_IO_HARDLINK, IOSQE_IO_DRAIN, IOSQE_CQE_SKIP_SUCCESS; for RECV whether its
 * ioprio has IORING_RECVSEND_POLL_FIRST; for SPLICE the output fd in fd, the input fd in fdIn and the length. Unused fields are "", 0, false.
 */
public record Sqe(String op, long userData, String fd, int events, boolean multishot, long target, boolean link,
           boolean hardlink, long len, boolean dontwait, long off, boolean drain, boolean skip, boolean pollFirst,
           String fdIn, int bufGroup, boolean async) {
    /** Without IOSQE_ASYNC: issued inline first (io_queue_sqe), not handed to io-wq at once. */
    public Sqe(String op, long userData, String fd, int events, boolean multishot, long target, boolean link,
               boolean hardlink, long len, boolean dontwait, long off, boolean drain, boolean skip, boolean pollFirst,
               String fdIn, int bufGroup) {
        this(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, drain, skip, pollFirst, fdIn, bufGroup, false);
    }

    /** Without IOSQE_BUFFER_SELECT (bufGroup -1; PROVIDE_BUFFERS and REMOVE_BUFFERS name their group there). */
    public Sqe(String op, long userData, String fd, int events, boolean multishot, long target, boolean link,
               boolean hardlink, long len, boolean dontwait, long off, boolean drain, boolean skip, boolean pollFirst,
               String fdIn) {
        this(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, drain, skip, pollFirst, fdIn, -1);
    }

    /** Without a SPLICE's input fd. */
    public Sqe(String op, long userData, String fd, int events, boolean multishot, long target, boolean link,
               boolean hardlink, long len, boolean dontwait, long off, boolean drain, boolean skip, boolean pollFirst) {
        this(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, drain, skip, pollFirst, "");
    }

    /** Without IORING_RECVSEND_POLL_FIRST. */
    public Sqe(String op, long userData, String fd, int events, boolean multishot, long target, boolean link,
               boolean hardlink, long len, boolean dontwait, long off, boolean drain, boolean skip) {
        this(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, drain, skip, false);
    }

    /** Without IOSQE_CQE_SKIP_SUCCESS. */
    public Sqe(String op, long userData, String fd, int events, boolean multishot, long target, boolean link,
               boolean hardlink, long len, boolean dontwait, long off, boolean drain) {
        this(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, drain, false);
    }

    /** Without IOSQE_IO_DRAIN. */
    public Sqe(String op, long userData, String fd, int events, boolean multishot, long target, boolean link,
               boolean hardlink, long len, boolean dontwait, long off) {
        this(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, false);
    }

    /** Without off (0: every opcode but a POLL_REMOVE that updates the user_data). */
    public Sqe(String op, long userData, String fd, int events, boolean multishot, long target, boolean link,
               boolean hardlink, long len, boolean dontwait) {
        this(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, 0);
    }

    public Sqe {
        if (!List.of("NOP", "POLL_ADD", "POLL_REMOVE", "ASYNC_CANCEL", "READ", "WRITE", "RECV", "LINK_TIMEOUT", "INVALID", "SQ_ARRAY",
                "SPLICE", "PROVIDE_BUFFERS", "REMOVE_BUFFERS").contains(op)) {
            throw new IllegalArgumentException("an SQE's opcode is NOP, POLL_ADD, POLL_REMOVE, ASYNC_CANCEL, READ, WRITE, RECV, LINK_TIMEOUT, INVALID, SQ_ARRAY, SPLICE, PROVIDE_BUFFERS or REMOVE_BUFFERS, not " + op);
        }
    }

    /**
     * IORING_OP_LINK_TIMEOUT of {@code ms} milliseconds (relative, CLOCK_MONOTONIC): the model keeps the
     * time in len, where the kernel's SQE has 1 and addr points to the timespec; only a checker reads it.
     */
    public static Sqe linkTimeout(long userData, long ms) {
        return new Sqe("LINK_TIMEOUT", userData, "", 0, false, 0, false, false, ms, false);
    }

    /**
     * IORING_OP_SPLICE of {@code len} bytes from {@code fdIn} (splice_fd_in, splice_off_in -1) to
     * {@code fd} (sqe->fd, off -1), splice_flags 0.
     */
    public static Sqe splice(long userData, String fdIn, String fd, long len) {
        return new Sqe("SPLICE", userData, fd, 0, false, 0, false, false, len, false, 0, false, false, false, fdIn);
    }

    public static Sqe nop(long userData) {
        return new Sqe("NOP", userData, "", 0, false, 0, false, false, 0, false);
    }

    /**
     * IORING_OP_PROVIDE_BUFFERS: {@code nbufs} buffers (kept in target; the SQE's fd) of {@code len}
     * bytes each to group {@code bgid} (buf_group), bids from {@code bid} (kept in off, as the SQE has it).
     */
    public static Sqe provideBuffers(long userData, int bgid, long nbufs, long bid, long len) {
        return new Sqe("PROVIDE_BUFFERS", userData, "", 0, false, nbufs, false, false, len, false, bid, false, false, false, "", bgid);
    }

    /** IORING_OP_REMOVE_BUFFERS: up to {@code nbufs} buffers (kept in target; the SQE's fd) of group {@code bgid}. */
    public static Sqe removeBuffers(long userData, int bgid, long nbufs) {
        return new Sqe("REMOVE_BUFFERS", userData, "", 0, false, nbufs, false, false, 0, false, 0, false, false, false, "", bgid);
    }

    /** The same RECV with IOSQE_BUFFER_SELECT and buf_group {@code group}: it reads into the group's first buffer. */
    public Sqe selecting(int group) {
        return new Sqe(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, drain, skip, pollFirst, fdIn, group, async);
    }

    public static Sqe pollAdd(long userData, String fd, int events, boolean multishot) {
        return new Sqe("POLL_ADD", userData, fd, events, multishot, 0, false, false, 0, false);
    }

    public static Sqe cancel(long userData, long target) {
        return new Sqe("ASYNC_CANCEL", userData, "", 0, false, target, false, false, 0, false);
    }

    /** POLL_ADD with IORING_POLL_ADD_LEVEL in len: the uapi has it, io_poll_add_prep refuses it (-EINVAL). */
    public static Sqe pollAddLevel(long userData, String fd, int events) {
        return new Sqe("POLL_ADD", userData, fd, events, false, 0, false, false, kpath.uapi.IoUringAbi.IORING_POLL_ADD_LEVEL, false);
    }

    /** IORING_OP_POLL_REMOVE of the POLL_ADD with user_data {@code target}, no update flags. */
    public static Sqe pollRemove(long userData, long target) {
        return new Sqe("POLL_REMOVE", userData, "", 0, false, target, false, false, 0, false);
    }

    /**
     * IORING_OP_ASYNC_CANCEL with cancel_flags (kept in {@code events}: the SQE's op-flags word,
     * one union with poll32_events) and, with IORING_ASYNC_CANCEL_FD, sqe->fd {@code fd} ("" for none).
     */
    public static Sqe cancel(long userData, long target, int cancelFlags, String fd) {
        return cancel(userData, target, cancelFlags, fd, 0);
    }

    /** The same with sqe->len {@code len}: the opcode IORING_ASYNC_CANCEL_OP matches (its low byte). */
    public static Sqe cancel(long userData, long target, int cancelFlags, String fd, long len) {
        return new Sqe("ASYNC_CANCEL", userData, fd, cancelFlags, false, target, false, false, len, false);
    }

    /**
     * IORING_OP_POLL_REMOVE of the POLL_ADD with user_data {@code target} with update flags
     * {@code flags} in len (IORING_POLL_UPDATE_EVENTS, IORING_POLL_UPDATE_USER_DATA,
     * IORING_POLL_ADD_MULTI), poll32_events {@code events} and off {@code newUserData}.
     */
    public static Sqe pollUpdate(long userData, long target, int flags, int events, long newUserData) {
        return new Sqe("POLL_REMOVE", userData, "", events, false, target, false, false, flags, false, newUserData);
    }

    /** IORING_OP_READ of {@code len} bytes from {@code fd} (a pipe or stream socket: no offset). */
    public static Sqe read(long userData, String fd, long len) {
        return new Sqe("READ", userData, fd, 0, false, 0, false, false, len, false);
    }

    /** IORING_OP_WRITE of {@code len} bytes to {@code fd} (a pipe or stream socket: no offset). */
    public static Sqe write(long userData, String fd, long len) {
        return new Sqe("WRITE", userData, fd, 0, false, 0, false, false, len, false);
    }

    /** IORING_OP_RECV of {@code len} bytes from the socket {@code fd}, msg_flags 0 or MSG_DONTWAIT. */
    public static Sqe recv(long userData, String fd, long len, boolean dontwait) {
        return new Sqe("RECV", userData, fd, 0, false, 0, false, false, len, dontwait);
    }

    /** An opcode beyond IORING_OP_LAST: io_init_req fails it with -EINVAL. */
    public static Sqe invalid(long userData) {
        return new Sqe("INVALID", userData, "", 0, false, 0, false, false, 0, false);
    }

    /**
     * Not an SQE: an SQ array entry {@code entry} (the index into the SQE array the kernel reads
     * for this slot, io_uring/io_uring.c io_get_sqe), kept in len; the slot's SQE is not read.
     */
    public static Sqe sqArray(long entry) {
        return new Sqe("SQ_ARRAY", 0, "", 0, false, 0, false, false, entry, false);
    }

    /** The same SQE with IOSQE_IO_LINK: the next SQE starts when this one completed, and is cancelled if it failed. */
    public Sqe linked() {
        return new Sqe(op, userData, fd, events, multishot, target, true, false, len, dontwait, off, drain, skip, pollFirst, fdIn, bufGroup, async);
    }

    /** The same SQE with IOSQE_IO_HARDLINK: linked, and a failure does not cancel the next. */
    public Sqe hardlinked() {
        return new Sqe(op, userData, fd, events, multishot, target, true, true, len, dontwait, off, drain, skip, pollFirst, fdIn, bufGroup, async);
    }

    /** The same SQE with IOSQE_IO_DRAIN: it starts only when every request before it is done (io_drain_req). */
    public Sqe drained() {
        return new Sqe(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, true, skip, pollFirst, fdIn, bufGroup, async);
    }

    /** The same SQE with IOSQE_CQE_SKIP_SUCCESS: no CQE when it succeeds (io_uring/io_uring.c io_init_req: REQ_F_CQE_SKIP). */
    public Sqe skipped() {
        return new Sqe(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, drain, true, pollFirst, fdIn, bufGroup, async);
    }

    /**
     * The same SQE with IOSQE_ASYNC: io_init_req sets REQ_F_FORCE_ASYNC, so io_submit_sqe hands it to
     * io-wq (io_queue_sqe_fallback → io_queue_iowq) without an inline try ({@link IoWqRecv}).
     */
    public Sqe forcedAsync() {
        return new Sqe(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, drain, skip, pollFirst, fdIn, bufGroup, true);
    }

    /**
     * The same RECV with IORING_RECVSEND_POLL_FIRST in its ioprio: io_recv skips the first try and
     * the request arms its poll at once (io_uring/net.c io_recv, io_recvmsg_prep).
     */
    public Sqe pollingFirst() {
        return new Sqe(op, userData, fd, events, multishot, target, link, hardlink, len, dontwait, off, drain, skip, true, fdIn, bufGroup, async);
    }

    /**
     * As the trace writes it: NOP:1, POLL_ADD:2:r0:POLLIN[:MULTI|:LEVEL], ASYNC_CANCEL:3:2[:ALL|FD:r0][:LEN=22],
     * POLL_REMOVE:8:2[:EVENTS=POLLIN][:USER_DATA=9][:MULTI],
     * READ:4:r0:8, WRITE:5:w0:3, RECV:6:s0:16[:DONTWAIT][:POLL_FIRST][:BUF=7], PROVIDE_BUFFERS:9:7:3:0:4 (group, count,
     * first bid, length), REMOVE_BUFFERS:10:7:1 (group, count), INVALID:7, each [:ASYNC][:CQE_SKIP][:DRAIN][:LINK|:HARDLINK];
     * an SQ array entry SQ_ARRAY:4.
     */
    @Override public String toString() {
        if (op.equals("SQ_ARRAY")) {
            return "SQ_ARRAY:" + len;
        }
        String ud = op + ":" + Long.toUnsignedString(userData);
        String text = switch (op) {
            case "POLL_ADD" -> ud + ":" + fd + ":" + Mask.text(events, "POLL") + (multishot ? ":MULTI" : len != 0 ? ":LEVEL" : "");
            case "ASYNC_CANCEL" -> ud + ":" + Long.toUnsignedString(target) + (events == 0 && fd.isEmpty() && len == 0 ? ""
                    : ":" + kpath.uapi.IoUringAbi.cancelFlagsText(events) + (fd.isEmpty() ? "" : ":" + fd)
                    + (len == 0 ? "" : ":LEN=" + len));
            case "POLL_REMOVE" -> ud + ":" + Long.toUnsignedString(target)
                    + ((len & kpath.uapi.IoUringAbi.IORING_POLL_UPDATE_EVENTS) != 0 ? ":EVENTS=" + Mask.text(events, "POLL") : "")
                    + ((len & kpath.uapi.IoUringAbi.IORING_POLL_UPDATE_USER_DATA) != 0 ? ":USER_DATA=" + Long.toUnsignedString(off) : "")
                    + ((len & kpath.uapi.IoUringAbi.IORING_POLL_ADD_MULTI) != 0 ? ":MULTI" : "");
            case "READ", "WRITE" -> ud + ":" + fd + ":" + len;
            case "RECV" -> ud + ":" + fd + ":" + len + (dontwait ? ":DONTWAIT" : "") + (pollFirst ? ":POLL_FIRST" : "")
                    + (bufGroup >= 0 ? ":BUF=" + bufGroup : "");
            case "PROVIDE_BUFFERS" -> ud + ":" + bufGroup + ":" + target + ":" + off + ":" + len;
            case "REMOVE_BUFFERS" -> ud + ":" + bufGroup + ":" + target;
            default -> ud;
        };
        text = async ? text + ":ASYNC" : text;
        text = skip ? text + ":CQE_SKIP" : text;
        text = drain ? text + ":DRAIN" : text;
        return hardlink ? text + ":HARDLINK" : link ? text + ":LINK" : text;
    }
}
