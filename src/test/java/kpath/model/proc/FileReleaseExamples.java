package kpath.model.proc;

import java.util.List;
import kpath.model.proc.OpenFile.Key;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static kpath.model.proc.ProcRule.*;
import static kpath.uapi.Mask.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The end of a file (fs/file_table.c __fput): what goes with it and what stays, and calls on fds
 * that are no longer open. Method: drive the model and look at the state the release leaves.
 */
class FileReleaseExamples {

    @Example
    void releasingAnUnrelatedFileKeepsTheExclusiveEntries() { // eventpoll_release_file: the file's own items only
        R r = new R().pipe("r0", "w0").pipe("r1", "w1").epoll("e0").add("e0", "r0", IN | EXCLUSIVE)
                .call(new Close("r1"), "0").expect(CloseRelease);
        assertEquals(List.of(new ProcState.Exclusive("e0", new Key("r0", "r0"))), r.s.exclusive());
        r.write("w0", 1).waitFor("e0", 8, "r0=EPOLLIN");
    }

    @Example
    void releasingATargetOrItsEpollDropsTheirExclusiveEntries() { // eventpoll_release_file, ep_free
        R r = new R().pipe("r0", "w0").pipe("r1", "w1").epoll("e0").epoll("e1")
                .add("e0", "r0", IN | EXCLUSIVE).add("e1", "r1", IN | EXCLUSIVE)
                .call(new Close("r0"), "0");
        assertEquals(List.of(new ProcState.Exclusive("e1", new Key("r1", "r1"))), r.s.exclusive());
        r.call(new Close("e1"), "0");
        assertEquals(List.of(), r.s.exclusive());
    }

    @Example
    void releasingAQueuedItemsFileTakesItOffTheInterestAndReadyLists() { // ep_remove: the item, its rdllink
        R r = new R().pipe("r0", "w0").epoll("e0").add("e0", "r0", IN).write("w0", 1)
                .call(new Close("r0"), "0").expect(CloseRelease);
        assertEquals(new OpenFile.Epoll(List.of(), List.of(), List.of()), r.s.files().get("e0"));
        r.waitFor("e0", 8);
    }

    @Example
    void filesWithNobodyToTellGoQuietly() { // eventfd_release, ep_eventpoll_release, a regular file
        R r = new R().eventfd("v0", 1, false).epoll("e0").call(new Open("f0", 9), "f0:9");
        r.call(new Close("v0"), "0").expect(CloseRelease).call(new Close("e0"), "0").expect(CloseRelease)
                .call(new Close("f0"), "0").expect(CloseRelease);
        assertEquals(java.util.Map.of(), r.s.files());
    }

    @Example
    void readWriteAndCloseOfAnFdNotOpenAreEbadf() { // fdget fails
        R r = new R().pipe("r0", "w0").call(new Close("r0"), "0").call(new Close("w0"), "0");
        r.call(new Read("r0", 1), "EBADF").expect(Ebadf).call(new Write("w0", 1), "EBADF").expect(Ebadf)
                .call(new Close("zz"), "EBADF").expect(Ebadf);
    }

    @Example
    void aStateNamesTheFileBehindAnOpenFd() {
        R r = new R().pipe("r0", "w0").call(new Close("w0"), "0");
        assertEquals(new OpenFile.PipeRead("w0", 0, false), r.s.fileOf("r0"));
        assertNull(r.s.fileOf("w0"));
    }
}
