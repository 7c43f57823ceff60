package kpath.model.readiness;

import kpath.model.Rule;
import kpath.model.RuleClass;

/** Every outcome of the readiness model; {@link Readiness} holds each rule's condition. */
public enum ReadinessRule implements Rule {
    Pipe2Ok, SocketpairOk, EventfdOk, EpollCreate1Ok, OpenOk, DupOk,
    WritePipe, WriteUnix, WriteEventfd, ReadPipe, ReadPipeEof, ReadUnix, ReadUnixEof, ReadUnixReset, ReadEventfd,
    ShutdownUnix, ShutdownTcp, CloseFd, CloseRelease,
    SocketOk, BindOk, ListenOk, ConnectInProgress, AcceptOk, WriteTcp, WriteTcpReset, ReadTcp, ReadTcpEof, TcpSockError,
    EpollCtlAdd, EpollCtlMod, EpollCtlDel, EpollWaitOk, PollOk, SelectOk,
    TaskEnters, TaskSleeps, TaskTimesOut, TaskReturns, FcntlSetfl, FcntlSetown, SigioTaken,
    IoEagain(RuleClass.FAST_FAIL), IoEpipe(RuleClass.FAST_FAIL), IoEinval(RuleClass.FAST_FAIL),
    Ebadf(RuleClass.FAST_FAIL), ShutdownEnotsock(RuleClass.FAST_FAIL), SockEinval(RuleClass.FAST_FAIL),
    EpollCtlEfault(RuleClass.FAST_FAIL), EpollCtlEperm(RuleClass.FAST_FAIL), EpollCtlEinval(RuleClass.FAST_FAIL), EpollCtlEloop(RuleClass.FAST_FAIL),
    EpollCtlEexist(RuleClass.FAST_FAIL), EpollCtlEnoent(RuleClass.FAST_FAIL), EpollWaitEinval(RuleClass.FAST_FAIL),
    SelectEinval(RuleClass.FAST_FAIL);

    private final RuleClass ruleClass;

    ReadinessRule() {
        this(RuleClass.FAST_SUCCEED);
    }

    ReadinessRule(RuleClass ruleClass) {
        this.ruleClass = ruleClass;
    }

    @Override
    public RuleClass ruleClass() {
        return ruleClass;
    }

    @Override
    public String summary() {
        return name(); // TODO one line per rule
    }
}
