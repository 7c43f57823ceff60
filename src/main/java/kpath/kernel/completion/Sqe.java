package kpath.kernel.completion;

import kpath.uapi.IoUringAbi;
import kpath.uapi.Mask;

/**
 * One SQE (include/uapi/linux/io_uring.h struct io_uring_sqe, filled by IoUringRing.prep) as the
 * recorder queues it and as the trace writes it: {@code NOP:ud},
 * {@code POLL_ADD:ud:fd:MASK} ({@code :MULTI} for a multishot poll), {@code ASYNC_CANCEL:ud:target}, {@code POLL_REMOVE:ud:target},
 * {@code READ:ud:fd:len}, {@code WRITE:ud:fd:len}, {@code RECV:ud:fd:len} ({@code :DONTWAIT}, then {@code :POLL_FIRST}),
 * {@code SPLICE:ud:fdIn:fdOut:len}, {@code LINK_TIMEOUT:ud:ms}, {@code INVALID:ud},
 * {@code PROVIDE_BUFFERS:ud:bgid:nbufs:bid:len}, {@code REMOVE_BUFFERS:ud:bgid:nbufs}, {@code RECV:...:BUF=bgid};
 * {@code :ASYNC} after any of them for IOSQE_ASYNC, then {@code :CQE_SKIP} for IOSQE_CQE_SKIP_SUCCESS, then {@code :DRAIN} for IOSQE_IO_DRAIN, then {@code :LINK} ({@code :HARDLINK}) for
 * IOSQE_IO_LINK (IOSQE_IO_HARDLINK).
 */
record Sqe(String text, int opcode, String fd, long off, long addr, int len, int opFlags, long userData, int flags, int ioprio,
           String fdIn, int bufGroup, int nbufs) {
    /** Without a buffer group (bufGroup -1) or a buffer count for sqe->fd (nbufs 0). */
    Sqe(String text, int opcode, String fd, long off, long addr, int len, int opFlags, long userData, int flags, int ioprio,
        String fdIn) {
        this(text, opcode, fd, off, addr, len, opFlags, userData, flags, ioprio, fdIn, -1, 0);
    }

    Sqe(String text, int opcode, String fd, long off, long addr, int len, int opFlags, long userData, int flags, int ioprio) {
        this(text, opcode, fd, off, addr, len, opFlags, userData, flags, ioprio, null);
    }

    Sqe(String text, int opcode, String fd, long off, long addr, int len, int opFlags, long userData, int flags) {
        this(text, opcode, fd, off, addr, len, opFlags, userData, flags, 0);
    }

    /**
     * SPLICE:ud:fdIn:fdOut:len — IORING_OP_SPLICE of len bytes from fdIn (splice_fd_in,
     * splice_off_in -1: the pipe's own position) to fdOut (sqe->fd, off -1), splice_flags 0
     * (io_uring/splice.c io_splice_prep; -1 is what a pipe needs, do_splice refuses an offset there).
     */
    static Sqe splice(long ud, String fdIn, String fdOut, int len) {
        return new Sqe("SPLICE:" + ud + ":" + fdIn + ":" + fdOut + ":" + len, IoUringAbi.IORING_OP_SPLICE, fdOut, -1, -1, len, 0,
                ud, 0, 0, fdIn);
    }

    Sqe(String text, int opcode, String fd, long addr, int len, int opFlags, long userData) {
        this(text, opcode, fd, 0, addr, len, opFlags, userData, 0);
    }

    /** The same SQE with IOSQE_IO_HARDLINK: the next SQE waits for it, and runs even if it fails. */
    Sqe hardlinked() {
        return new Sqe(text + ":HARDLINK", opcode, fd, off, addr, len, opFlags, userData, flags | IoUringAbi.IOSQE_IO_HARDLINK, ioprio, fdIn, bufGroup, nbufs);
    }

    /** The same SQE with IOSQE_CQE_SKIP_SUCCESS: no CQE if it succeeds (write it before :DRAIN and :LINK). */
    Sqe skipped() {
        return new Sqe(text + ":CQE_SKIP", opcode, fd, off, addr, len, opFlags, userData, flags | IoUringAbi.IOSQE_CQE_SKIP_SUCCESS, ioprio, fdIn, bufGroup, nbufs);
    }

    /** The same SQE with IOSQE_ASYNC: handed to io-wq at once, no inline try (write it before :CQE_SKIP, :DRAIN and :LINK). */
    Sqe forcedAsync() {
        return new Sqe(text + ":ASYNC", opcode, fd, off, addr, len, opFlags, userData, flags | IoUringAbi.IOSQE_ASYNC, ioprio, fdIn, bufGroup, nbufs);
    }

    /** The same SQE with IOSQE_IO_DRAIN: it starts once every request submitted before it completed. */
    Sqe drained() {
        return new Sqe(text + ":DRAIN", opcode, fd, off, addr, len, opFlags, userData, flags | IoUringAbi.IOSQE_IO_DRAIN, ioprio, fdIn, bufGroup, nbufs);
    }

    /** The same SQE with IOSQE_IO_LINK: the next SQE waits for it and is cancelled if it fails. */
    Sqe linked() {
        return new Sqe(text + ":LINK", opcode, fd, off, addr, len, opFlags, userData, flags | IoUringAbi.IOSQE_IO_LINK, ioprio, fdIn, bufGroup, nbufs);
    }

    /**
     * ASYNC_CANCEL:ud:target:FLAGS[:fd] — IORING_OP_ASYNC_CANCEL with cancel_flags (the SQE's op
     * flags word) and, with IORING_ASYNC_CANCEL_FD, sqe->fd {@code fd} (null: none, -1).
     */
    static Sqe cancel(long ud, long target, int cancelFlags, String fd) {
        return cancel(ud, target, cancelFlags, fd, 0);
    }

    /**
     * ASYNC_CANCEL:ud:target:FLAGS[:fd][:LEN=n] — the same with sqe->len {@code len}, the opcode
     * IORING_ASYNC_CANCEL_OP matches (io_async_cancel_prep reads it into a u8).
     */
    static Sqe cancel(long ud, long target, int cancelFlags, String fd, int len) {
        return new Sqe("ASYNC_CANCEL:" + ud + ":" + target + ":" + IoUringAbi.cancelFlagsText(cancelFlags)
                + (fd == null ? "" : ":" + fd) + (len == 0 ? "" : ":LEN=" + len), IoUringAbi.IORING_OP_ASYNC_CANCEL, fd,
                target, len, cancelFlags, ud);
    }

    /**
     * POLL_REMOVE:ud:target[:EVENTS=MASK][:USER_DATA=n][:MULTI] — IORING_OP_POLL_REMOVE with update
     * flags in len: IORING_POLL_UPDATE_EVENTS (poll32_events {@code events}), IORING_POLL_UPDATE_USER_DATA
     * (off {@code newUserData}), IORING_POLL_ADD_MULTI when {@code multi}.
     */
    static Sqe pollUpdate(long ud, long target, Integer events, Long newUserData, boolean multi) {
        int len = (events != null ? IoUringAbi.IORING_POLL_UPDATE_EVENTS : 0)
                | (newUserData != null ? IoUringAbi.IORING_POLL_UPDATE_USER_DATA : 0) | (multi ? IoUringAbi.IORING_POLL_ADD_MULTI : 0);
        String text = "POLL_REMOVE:" + ud + ":" + target + (events != null ? ":EVENTS=" + Mask.text(events, "POLL") : "")
                + (newUserData != null ? ":USER_DATA=" + newUserData : "") + (multi ? ":MULTI" : "");
        return new Sqe(text, IoUringAbi.IORING_OP_POLL_REMOVE, null, newUserData == null ? 0 : newUserData, target, len,
                events == null ? 0 : events, ud, 0);
    }

    /**
     * PROVIDE_BUFFERS:ud:bgid:nbufs:bid:len — IORING_OP_PROVIDE_BUFFERS: {@code nbufs} buffers (sqe->fd) of
     * {@code len} bytes each, back to back from {@code buf} (addr), bids from {@code bid} (off), to group
     * {@code bgid} (buf_group).
     */
    static Sqe provideBuffers(long ud, int bgid, int nbufs, int bid, int len, long buf) {
        return new Sqe("PROVIDE_BUFFERS:" + ud + ":" + bgid + ":" + nbufs + ":" + bid + ":" + len, IoUringAbi.IORING_OP_PROVIDE_BUFFERS,
                null, bid, buf, len, 0, ud, 0, 0, null, bgid, nbufs);
    }

    /** REMOVE_BUFFERS:ud:bgid:nbufs — IORING_OP_REMOVE_BUFFERS of up to {@code nbufs} buffers (sqe->fd) of group {@code bgid}. */
    static Sqe removeBuffers(long ud, int bgid, int nbufs) {
        return new Sqe("REMOVE_BUFFERS:" + ud + ":" + bgid + ":" + nbufs, IoUringAbi.IORING_OP_REMOVE_BUFFERS, null, 0, 0, 0, 0, ud,
                0, 0, null, bgid, nbufs);
    }

    /**
     * RECV:ud:fd:len:BUF=bgid — the same RECV with IOSQE_BUFFER_SELECT and buf_group {@code bgid}, addr 0:
     * io_recv reads into the group's first buffer, at most len bytes (its length for len 0).
     */
    Sqe selecting(int bgid) {
        return new Sqe(text + ":BUF=" + bgid, opcode, fd, off, 0, len, opFlags, userData, flags | IoUringAbi.IOSQE_BUFFER_SELECT, ioprio,
                fdIn, bgid, nbufs);
    }

    static Sqe nop(long ud) {
        return new Sqe("NOP:" + ud, IoUringAbi.IORING_OP_NOP, null, 0, 0, 0, ud);
    }

    static Sqe pollAdd(long ud, String fd, int events, boolean multishot) {
        return new Sqe("POLL_ADD:" + ud + ":" + fd + ":" + Mask.text(events, "POLL") + (multishot ? ":MULTI" : ""),
                IoUringAbi.IORING_OP_POLL_ADD, fd, 0, multishot ? IoUringAbi.IORING_POLL_ADD_MULTI : 0, events, ud);
    }

    /** POLL_ADD:ud:fd:MASK:LEVEL — IORING_POLL_ADD_LEVEL in len, which io_poll_add_prep refuses. */
    static Sqe pollAddLevel(long ud, String fd, int events) {
        return new Sqe("POLL_ADD:" + ud + ":" + fd + ":" + Mask.text(events, "POLL") + ":LEVEL",
                IoUringAbi.IORING_OP_POLL_ADD, fd, 0, IoUringAbi.IORING_POLL_ADD_LEVEL, events, ud);
    }

    /** READ:ud:fd:len — IORING_OP_READ into the recorder's buffer, offset 0 (the files are pipes and sockets). */
    static Sqe read(long ud, String fd, int len, long buf) {
        return new Sqe("READ:" + ud + ":" + fd + ":" + len, IoUringAbi.IORING_OP_READ, fd, buf, len, 0, ud);
    }

    /** WRITE:ud:fd:len — IORING_OP_WRITE of len bytes of the recorder's buffer, offset 0. */
    static Sqe write(long ud, String fd, int len, long buf) {
        return new Sqe("WRITE:" + ud + ":" + fd + ":" + len, IoUringAbi.IORING_OP_WRITE, fd, buf, len, 0, ud);
    }

    /** RECV:ud:fd:len[:DONTWAIT] — IORING_OP_RECV into the recorder's buffer, msg_flags 0 or MSG_DONTWAIT. */
    static Sqe recv(long ud, String fd, int len, boolean dontwait, long buf) {
        return new Sqe("RECV:" + ud + ":" + fd + ":" + len + (dontwait ? ":DONTWAIT" : ""), IoUringAbi.IORING_OP_RECV,
                fd, buf, len, dontwait ? IoUringAbi.MSG_DONTWAIT : 0, ud);
    }

    /**
     * RECV:ud:fd:len[:DONTWAIT]:POLL_FIRST — the same RECV with IORING_RECVSEND_POLL_FIRST in sqe->ioprio:
     * io_recv skips the first try and the request arms its poll at once.
     */
    static Sqe recvPollFirst(long ud, String fd, int len, boolean dontwait, long buf) {
        Sqe q = recv(ud, fd, len, dontwait, buf);
        return new Sqe(q.text() + ":POLL_FIRST", q.opcode(), fd, 0, buf, len, q.opFlags(), ud, 0,
                IoUringAbi.IORING_RECVSEND_POLL_FIRST);
    }

    /** SQ_ARRAY:n — no SQE: an SQ array entry n published at the tail (opcode -1 marks it). */
    static Sqe sqArray(int entry) {
        return new Sqe("SQ_ARRAY:" + Integer.toUnsignedString(entry), -1, null, 0, entry, 0, 0);
    }

    /**
     * LINK_TIMEOUT:ud:ms — IORING_OP_LINK_TIMEOUT of {@code ms} milliseconds, relative, CLOCK_MONOTONIC
     * (timeout_flags 0): addr a struct __kernel_timespec {tv_sec, tv_nsec} of its own, len 1.
     */
    static Sqe linkTimeout(long ud, int ms) {
        java.lang.foreign.MemorySegment ts = kpath.kernel.Libc.timespec(java.lang.foreign.Arena.global(), ms);
        return new Sqe("LINK_TIMEOUT:" + ud + ":" + ms, IoUringAbi.IORING_OP_LINK_TIMEOUT, null, ts.address(), 1, 0, ud);
    }

    /** INVALID:ud — an opcode beyond IORING_OP_LAST. */
    static Sqe invalid(long ud) {
        return new Sqe("INVALID:" + ud, IoUringAbi.IORING_OP_INVALID, null, 0, 0, 0, ud);
    }

    static Sqe cancel(long ud, long target) {
        return new Sqe("ASYNC_CANCEL:" + ud + ":" + target, IoUringAbi.IORING_OP_ASYNC_CANCEL, null, target, 0, 0, ud);
    }

    /** POLL_REMOVE:ud:target — IORING_OP_POLL_REMOVE, sqe->addr the target's user_data, len 0 (no update). */
    static Sqe pollRemove(long ud, long target) {
        return new Sqe("POLL_REMOVE:" + ud + ":" + target, IoUringAbi.IORING_OP_POLL_REMOVE, null, target, 0, 0, ud);
    }
}
