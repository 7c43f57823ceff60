package kpath.arch;

import kpath.uapi.AioAbi;
import kpath.uapi.IoUringAbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kpath.uapi.Mask;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The poll bit table has one home per language, and the two agree: specs/PollBits.tla's BitValue
 * equals kpath.uapi.Mask name for name. Method: read the TLA+ record and parse each name with Mask.
 */
class UapiSpecTest {

    @Test
    void specBitValuesAreTheUapiOnes() throws Exception {
        String spec = Files.readString(Path.of("specs", "PollBits.tla"));
        Matcher rec = Pattern.compile("BitValue == \\[(.*?)]", Pattern.DOTALL).matcher(spec);
        assertTrue(rec.find(), "no BitValue record in PollBits.tla");
        Map<String, Integer> tla = new TreeMap<>();
        Matcher f = Pattern.compile("(\\w+) \\|-> (\\d+)").matcher(rec.group(1));
        while (f.find()) {
            tla.put(f.group(1), Integer.parseInt(f.group(2)));
        }
        assertEquals(12, tla.size(), "every event bit of poll.h: " + tla);
        tla.forEach((name, value) -> assertEquals(Mask.parse("POLL" + name), value, name));
        int all = tla.values().stream().mapToInt(Integer::intValue).reduce(0, (a, b) -> a | b);
        assertEquals("0", Mask.text(~all & ~(Mask.EXCLUSIVE | Mask.WAKEUP | Mask.ONESHOT | Mask.ET) & 0xffff, "POLL"),
                "Mask names an event bit PollBits.tla lacks");
    }

    /** specs/Uapi.tla's errno and signal numbers are kpath.uapi's, name for name, and the table is whole. */
    @Test
    void specErrnoAndSignalNumbersAreTheUapiOnes() throws Exception {
        String spec = Files.readString(Path.of("specs", "Uapi.tla"));
        Map<String, Integer> errnos = record(spec, "ErrnoNumber");
        Map<String, Integer> java = new TreeMap<>();
        for (kpath.uapi.Errno e : kpath.uapi.Errno.values()) {
            java.put(e.name(), e.number());
        }
        assertEquals(java, errnos);
        Map<String, Integer> signals = new TreeMap<>();
        for (kpath.uapi.Signal x : kpath.uapi.Signal.values()) {
            signals.put(x.name(), x.number());
        }
        assertEquals(signals, record(spec, "SignalNumber"));
        assertTrue(spec.contains("PidMaxLimit == " + kpath.uapi.Signal.PID_MAX_LIMIT + "\n"), "PidMaxLimit");
        assertTrue(spec.contains("IoringFeatures == " + kpath.uapi.IoUringAbi.IORING_FEATURES + "\n"), "IoringFeatures");
        Map<String, Integer> ops = new TreeMap<>();
        for (String op : List.of("POLL_ADD", "READ", "RECV")) {
            ops.put(op, kpath.uapi.IoUringAbi.opcode(op));
        }
        assertEquals(ops, record(spec, "IoringOpNumber"));
    }

    /** specs/Uapi.tla's SigPollCode and SigPollBand are kpath.uapi.SigPoll's codes and band_table, name for name. */
    @Test
    void specSigPollCodesAndBandsAreTheUapiOnes() throws Exception {
        String spec = Files.readString(Path.of("specs", "Uapi.tla"));
        Map<String, Integer> codes = new TreeMap<>();
        Map<String, Integer> bands = new TreeMap<>();
        for (kpath.uapi.SigPoll p : kpath.uapi.SigPoll.values()) {
            codes.put(p.name(), p.code());
            bands.put(p.name(), p.band());
        }
        assertEquals(codes, record(spec, "SigPollCode"));
        Matcher rec = Pattern.compile("SigPollBand == \\[(.*?)]\n", Pattern.DOTALL).matcher(spec);
        assertTrue(rec.find(), "no SigPollBand record in Uapi.tla");
        Map<String, Integer> tla = new TreeMap<>();
        Matcher f = Pattern.compile("(\\w+) \\|-> \\{([^}]*)}").matcher(rec.group(1));
        while (f.find()) {
            int mask = 0;
            for (String bit : f.group(2).split(",")) {
                mask |= Mask.parse("POLL" + bit.strip().replace("\"", ""));
            }
            tla.put(f.group(1), mask);
        }
        assertEquals(bands, tla);
        assertEquals(kpath.uapi.Signal.NSIG, Integer.parseInt(spec.replaceAll("(?s).*NSig == (\\d+).*", "$1")));
    }

    /** The setup limits the specs spell out as numbers are kpath.uapi's (IoUringAbi, AioAbi). */
    @Test
    void specSetupLimitsAreTheUapiOnes() throws Exception {
        String uring = Files.readString(Path.of("specs", "IoUring.tla"));
        assertEquals(kpath.uapi.IoUringAbi.IORING_MAX_ENTRIES,
                Integer.parseInt(uring.replaceAll("(?s).*\nIORING_MAX_ENTRIES == (\\d+)\n.*", "$1")));
        assertTrue(uring.contains("\nIORING_MAX_CQ_ENTRIES == 2 * IORING_MAX_ENTRIES\n"));
        assertEquals(kpath.uapi.IoUringAbi.IORING_MAX_CQ_ENTRIES, 2 * kpath.uapi.IoUringAbi.IORING_MAX_ENTRIES);
        String aio = Files.readString(Path.of("specs", "Aio.tla"));
        assertEquals(kpath.uapi.AioAbi.IO_SETUP_MAX_NR_EVENTS,
                Integer.parseInt(aio.replaceAll("(?s).*\nIO_SETUP_MAX_NR_EVENTS == (\\d+)\n.*", "$1")));
    }

    /**
     * The ring layout and AIO sizes the specs compute with are kpath.uapi's: specs/Uapi.tla's
     * io_rings offsets, cache line and CQE size, and specs/Aio.tla's page, aio_ring and io_event sizes.
     */
    @Test
    void specRingLayoutAndAioSizesAreTheUapiOnes() throws Exception {
        String uapi = Files.readString(Path.of("specs", "Uapi.tla"));
        assertEquals(Map.of("head", IoUringAbi.RINGS_SQ_HEAD, "tail", IoUringAbi.RINGS_SQ_TAIL,
                "ring_mask", IoUringAbi.RINGS_SQ_RING_MASK, "ring_entries", IoUringAbi.RINGS_SQ_RING_ENTRIES,
                "flags", IoUringAbi.RINGS_SQ_FLAGS, "dropped", IoUringAbi.RINGS_SQ_DROPPED), record(uapi, "IoRingsSqOff"));
        assertEquals(Map.of("head", IoUringAbi.RINGS_CQ_HEAD, "tail", IoUringAbi.RINGS_CQ_TAIL,
                "ring_mask", IoUringAbi.RINGS_CQ_RING_MASK, "ring_entries", IoUringAbi.RINGS_CQ_RING_ENTRIES,
                "overflow", IoUringAbi.RINGS_CQ_OVERFLOW, "cqes", IoUringAbi.RINGS_CQES, "flags", IoUringAbi.RINGS_CQ_FLAGS),
                record(uapi, "IoRingsCqOff"));
        assertTrue(uapi.contains("SmpCacheBytes == " + IoUringAbi.SMP_CACHE_BYTES + "\n"), "SmpCacheBytes");
        assertTrue(uapi.contains("CqeBytes == " + IoUringAbi.CQE_BYTES + "\n"), "CqeBytes");
        String aio = Files.readString(Path.of("specs", "Aio.tla"));
        assertTrue(aio.contains("IO_SETUP_MAX_NR_EVENTS == " + AioAbi.IO_SETUP_MAX_NR_EVENTS + "\n"), "IO_SETUP_MAX_NR_EVENTS");
        assertTrue(aio.contains("PAGE_SIZE == " + AioAbi.PAGE_SIZE + "\n"), "PAGE_SIZE");
        assertTrue(aio.contains("AIO_RING_BYTES == " + AioAbi.AIO_RING_BYTES + "\n"), "AIO_RING_BYTES");
        assertTrue(aio.contains("IO_EVENT_BYTES == " + AioAbi.IO_EVENT_BYTES + "\n"), "IO_EVENT_BYTES");
    }

    private static Map<String, Integer> record(String spec, String name) {
        Matcher rec = Pattern.compile(name + " == \\[(.*?)]", Pattern.DOTALL).matcher(spec);
        assertTrue(rec.find(), "no " + name + " record in Uapi.tla");
        Map<String, Integer> tla = new TreeMap<>();
        Matcher f = Pattern.compile("(\\w+) \\|-> (\\d+)").matcher(rec.group(1));
        while (f.find()) {
            tla.put(f.group(1), Integer.parseInt(f.group(2)));
        }
        return tla;
    }
}
