package kpath.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static kpath.kernel.Libc.CAPTURE_LAYOUT;
import static kpath.kernel.Libc.link;
import static kpath.kernel.Libc.result;
import static kpath.kernel.Libc.rethrow;

/**
 * FFM binding for namespaces: unshare(2) (kernel/fork.c ksys_unshare). Linkage and errno capture
 * are {@link Libc}'s.
 */
public final class LibcNamespace {

    private LibcNamespace() {
    }

    // include/uapi/linux/sched.h
    public static final int CLONE_NEWNET = 0x40000000;

    private static final MethodHandle UNSHARE = link("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    /** unshare(2): affects only the calling thread for CLONE_NEWNET. */
    public static SysResult unshare(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = arena.allocate(CAPTURE_LAYOUT);
            int r = (int) UNSHARE.invokeExact(cs, flags);
            return result(r, cs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
