package kpath.model.proc;

import java.util.List;
import java.util.Set;
import kpath.model.proc.ProcAction.*;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A task asleep in select waits only on the fds below nfds: fs/select.c do_select polls, and so
 * queues on, fds 0..nfds-1 alone. Method: drive the model; a wake-up on a file behind an fd at or
 * above nfds leaves the task asleep, one below nfds wakes it.
 */
class SelectSleepExamples {

    @Example
    void aSelectSleeperIsNotWokenThroughAnFdAtOrAboveNfds() {
        R r = new R().pair("s0", "s1").pair("s2", "s3"); // s0:3 s1:4 s2:5 s3:6
        // rd = {s0, s2}, nfds 4: s2 (fd 5) is out of range
        // a task's steps leave the main task's last result alone
        r.call(new TaskCall("t1", new Select(4, Set.of("s0", "s2"), Set.of(), Set.of()), -1), "s2:5,s3:6");
        r.call(new TaskRun("t1"), "s2:5,s3:6").expect(ProcRule.TaskSleeps);
        assertEquals(List.of("s0"), r.s.tasks().get("t1").on());
        r.write("s3", 1); // data for s2: no wake-up for t1
        assertEquals(Task.Phase.SLEEPING, r.s.tasks().get("t1").phase());
        r.write("s1", 1); // data for s0
        assertEquals(Task.Phase.RUNNING, r.s.tasks().get("t1").phase());
        r.call(new TaskRun("t1"), "1").expect(ProcRule.SelectOk); // "1": the write's result stays
        assertEquals(1, r.s.tasks().get("t1").ret());
        assertEquals(List.of("rd=s0", "wr=-", "ex=-"), R.text(r.s.tasks().get("t1").out()));
    }
}
