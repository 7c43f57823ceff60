package kpath.kernel.jdk;

import java.util.List;
import java.util.Optional;
import kpath.kernel.ProcSelf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** What the jdk recorder takes for a thread of the JDK's. */
class JdkRecorderTest {

    static ProcSelf.Thread thread(String comm) {
        return new ProcSelf.Thread(8616, comm, "S", "io_wq_worker", Optional.of("write"), List.of(5L));
    }

    @Test
    void ioUringWorkersLeftByEarlierScenariosAreNotJdkThreads() {
        // seen in a conform run: an idle io-wq worker of an earlier io_uring scenario, its syscall
        // file showing write on the fd c0 later had
        assertTrue(JdkRecorder.ioUringWorker(thread("iou-wrk-8615")));
        assertTrue(JdkRecorder.ioUringWorker(thread("iou-sqp-8615")));
        assertFalse(JdkRecorder.ioUringWorker(thread("Thread-3")));
        assertFalse(JdkRecorder.ioUringWorker(thread("java")));
    }
}
