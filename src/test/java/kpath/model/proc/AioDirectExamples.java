package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.AioEvent;
import kpath.model.proc.OpenFile.Regular;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.*;

/**
 * AIO reads of regular files with data, buffered and O_DIRECT. Every result asserted is one the
 * kernel returned in traces/completion/aio-pread-o-direct-alignment.trace (a 4096-byte file on ext4,
 * stx_dio_offset_align 512): 4096 for PREAD(0, 4096), -EINVAL for PREAD(1, 512) and PREAD(0, 256),
 * 0 for PREAD(4096, 512). What the source says beyond those (fs/iomap/direct-io.c __iomap_dio_rw,
 * iomap_dio_bio_iter; fs/aio.c aio_read, aio_rw_done) is checked only as where the model stops.
 */
class AioDirectExamples {

    static final Regular DIRECT = new Regular(true, 4096, 512);

    static R ctxAndDirectFile() {
        return new R().call(new IoSetup(1, "a0"), 0).call(new Open("f0", 3, true, 4096, 512), "f0:3");
    }

    static OpenFile.AioCtx ctx(R r) {
        return (OpenFile.AioCtx) r.s.files().get("a0");
    }

    @Example
    void anAlignedDirectReadIsCompletedLaterByItsBiosWithTheBytes() {
        R r = ctxAndDirectFile();
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 1, "f0", 4096, ""))), 1).expect(ProcRule.IoSubmitOk);
        assertEquals(List.of(), ctx(r).events(), "-EIOCBQUEUED: nothing posted yet");
        assertEquals(4096, ctx(r).polls().getFirst().res());
        r.call(new IoCancel("a0", 1), "EINVAL").expect(ProcRule.AioEinval); // aio_read sets no ki_cancel
        r.call(new Close("f0"), 0);
        assertTrue(r.s.files().containsKey("f0"), "the read in flight holds its file");
        List<kpath.model.Transition<ProcState>> ts = Proc.successors(r.s, new AioPollWork());
        assertEquals(ProcRule.AioPollWoken, ts.getFirst().rule());
        r.s = ts.getFirst().next();
        assertEquals(List.of(new AioEvent(1, 4096)), ctx(r).events(), "aio_complete_rw from the bio's end_io");
        assertEquals(List.of("f0"), ctx(r).putting(), "its fput, in interrupt context, waits for delayed_fput_work");
        r.s = Proc.successors(r.s, new DelayedFputWork()).getFirst().next();
        assertFalse(r.s.files().containsKey("f0"));
    }

    @Example
    void aMisalignedDirectReadCompletesInsideIoSubmitWithEinvalAndIsCounted() {
        R r = ctxAndDirectFile();
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 2, "f0", 512, "").with(0, 1, 0))), 1).expect(ProcRule.IoSubmitOk);
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 3, "f0", 256, ""))), 1).expect(ProcRule.IoSubmitOk);
        assertEquals(List.of(new AioEvent(2, -22), new AioEvent(3, -22)), ctx(r).events(), "offset, then length");
        assertEquals(List.of(), ctx(r).polls(), "no bio was submitted");
    }

    @Example
    void aDirectReadAtTheEndOfTheFileCompletesAtOnceWithZero() {
        R r = ctxAndDirectFile();
        r.call(new IoSubmit("a0", List.of(Iocb.rw(false, 4, "f0", 512, "").with(0, 4096, 0))), 1);
        assertEquals(List.of(new AioEvent(4, 0)), ctx(r).events(), "at i_size: before the alignment check");
    }

    @Example
    void aDirectReadAcrossTheEndOfTheFileIsNotModelled() {
        R r = ctxAndDirectFile();
        assertTrue(Proc.successors(r.s, new IoSubmit("a0", List.of(Iocb.rw(false, 6, "f0", 1024, "").with(0, 3584, 0)))).isEmpty());
        assertFalse(Proc.successors(r.s, new IoSubmit("a0", List.of(Iocb.rw(false, 7, "f0", 512, "").with(0, 3584, 0)))).isEmpty(),
                "up to the end: modelled");
    }

    @Example
    void readOfAFileWithDataIsNotModelled() {
        R r = new R().call(new IoSetup(1, "a0"), 0).call(new Open("f0", 3, false, 3, 512), "f0:3");
        assertTrue(Proc.successors(r.s, new Read("f0", 1)).isEmpty(), "read(2) moves f_pos: not modelled");
    }

    @Example
    void aDirectFileWithoutARecordedAlignmentIsNotModelled() {
        assertFalse(ReadWrite.preadModelled(new Regular(true, 4096, 0), 0, 512));
        assertTrue(ReadWrite.preadModelled(new Regular(false, 4096, 0), 0, 8192));
        assertTrue(ReadWrite.preadModelled(DIRECT, 4096, 1), "at the end");
        assertTrue(ReadWrite.preadModelled(DIRECT, 4000, 0), "no bytes");
        assertTrue(ReadWrite.preadModelled(DIRECT, 0, 4096), "the whole file");
        assertFalse(ReadWrite.preadModelled(DIRECT, 1, 4096), "one byte past the end");
    }

    /** The source's rule, (pos | length) & (alignment - 1), over every read within the file: -EINVAL, as the trace's two, exactly then. */
    @Property
    void aDirectReadWithinTheFileIsEinvalExactlyWhenMisaligned(@ForAll @IntRange(max = 4095) int off,
                                                              @ForAll @IntRange(min = 1, max = 4096) int n) {
        if (off + n > 4096) {
            assertFalse(ReadWrite.preadModelled(DIRECT, off, n));
            return;
        }
        assertTrue(ReadWrite.preadModelled(DIRECT, off, n));
        assertEquals(((off | n) & 511) != 0, ReadWrite.pread(DIRECT, off, n) == -22);
    }
}
