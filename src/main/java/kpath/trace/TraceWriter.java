package kpath.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Writes traces in the canonical form of the format (see {@code package-info.java}). */
public final class TraceWriter {

    private TraceWriter() {
    }

    /** The whole text of {@code trace}: header, then one line per {@link Line}, each ending in {@code '\n'}. */
    public static String format(Trace trace) {
        StringBuilder sb = new StringBuilder(trace.header().toString());
        for (Line line : trace.lines()) {
            sb.append(formatLine(line)).append('\n');
        }
        return sb.toString();
    }

    /** One line as written, without the line break; an event and the end marker get their {@code +S.ffffff } prefix. */
    public static String formatLine(Line line) {
        return switch (line) {
            case Event e -> Event.formatTime(e.timeMicros()) + " " + e;
            case Line.End e -> Event.formatTime(e.timeMicros()) + " " + e;
            case Line.Comment c -> c.toString();
            case Line.Blank b -> b.toString();
        };
    }

    /**
     * Writes {@code trace} to {@code file} so that {@code file} is at every moment either its old
     * self or the whole new trace: the text goes to a hidden temporary file in the same directory,
     * is forced to disk, and is then renamed over {@code file} with
     * {@link StandardCopyOption#ATOMIC_MOVE}. The temporary file is deleted if anything fails.
     */
    public static void writeAtomically(Path file, Trace trace) throws IOException {
        writeAtomically(file, format(trace));
    }

    /** Writes {@code text} as UTF-8 to {@code file} the same way: whole or not at all. */
    public static void writeAtomically(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        forceDirectory(dir);
    }

    /** Makes the rename durable where the platform allows it; a best effort. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can sync a directory; the file itself is complete either way.
        }
    }
}
