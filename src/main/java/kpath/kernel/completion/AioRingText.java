package kpath.kernel.completion;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import kpath.uapi.AioAbi;

/**
 * An AIO context's struct aio_ring (fs/aio.c) as {@code observe aio_ring} writes it, read at the
 * address io_setup stored (aio_setup_ring: ctx->user_id = ctx->mmap_base), with the size of the
 * mapping that starts there in /proc/self/maps (the ring's /[aio] pages).
 */
final class AioRingText {
    private AioRingText() {}

    /** nr, head, tail, magic, the feature words, header_length and map_bytes; null when no ring is mapped at {@code addr}. */
    static SequencedMap<String, String> read(long addr) {
        long bytes = mappingBytes(addr);
        if (bytes < AioAbi.AIO_RING_BYTES) {
            return null;
        }
        MemorySegment ring = MemorySegment.ofAddress(addr).reinterpret(AioAbi.AIO_RING_BYTES);
        java.util.function.IntFunction<String> u32 = i -> Integer.toUnsignedString(ring.get(ValueLayout.JAVA_INT, 4L * i));
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("nr", u32.apply(1));
        v.put("head", u32.apply(2));
        v.put("tail", u32.apply(3));
        v.put("magic", "0x" + Integer.toHexString(ring.get(ValueLayout.JAVA_INT, 16)));
        v.put("compat_features", u32.apply(5));
        v.put("incompat_features", u32.apply(6));
        v.put("header_length", u32.apply(7));
        v.put("map_bytes", Long.toString(bytes));
        return v;
    }

    /** The size of the mapping of /proc/self/maps that starts at {@code addr}; -1 when none does. */
    private static long mappingBytes(long addr) {
        String start = Long.toHexString(addr) + "-";
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.startsWith(start)).findFirst().map(l -> {
                String[] range = l.substring(0, l.indexOf(' ')).split("-");
                return Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
            }).orElse(-1L);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
