package kpath.check.readiness;

import java.util.List;
import kpath.model.proc.ProcAction.IoUringEnter;
import kpath.model.proc.Sqe;
import kpath.trace.Event;
import kpath.trace.TraceReader;

/** The SQEs the checker reads from {@code io_uring_enter(u0, TEXT, 0, 0) = 1}, line 1 of a minimal completion trace {@code t}. */
final class EnterLines {
    private EnterLines() {}

    static List<Sqe> sqes(String text) throws Exception {
        String t = "kpath-trace 1\nscenario: x\nkernel: 6.18\narch: x86_64\nnetns: host\npeer: loopback\n"
                + "path: completion\ncaptured-by: kpath\n\n+0.1 io_uring_enter(u0, " + text + ", 0, 0) = 1\n+0.2 end\n";
        var call = (Event.Syscall) TraceReader.parse(t, "t").events().getFirst();
        return ((IoUringEnter) ProcSyntax.action(call, "t:1: ")).sqes();
    }
}
