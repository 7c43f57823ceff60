package kpath.model.tcp;

import kpath.model.Rule;
import kpath.model.RuleClass;

/**
 * Every outcome of the passive-open model. Each name is also a sub-action of specs/TcpListen.tla
 * and the label in reports; {@code TcpListen} is where each rule's condition lives.
 */
public enum TcpRule implements Rule {
    ListenOk(RuleClass.FAST_SUCCEED),
    ListenEbadf(RuleClass.FAST_FAIL),
    FcntlSetfl(RuleClass.FAST_SUCCEED),
    FcntlEbadf(RuleClass.FAST_FAIL),
    ConnectInProgress(RuleClass.FAST_SUCCEED),
    AcceptDequeue(RuleClass.FAST_SUCCEED),
    AcceptEagain(RuleClass.FAST_FAIL),
    AcceptEinval(RuleClass.FAST_FAIL),
    AcceptEbadf(RuleClass.FAST_FAIL),
    AcceptBlock(RuleClass.BLOCK),
    AcceptWakeupDequeue(RuleClass.SLOW_SUCCEED),
    CloseListener(RuleClass.FAST_SUCCEED),
    CloseEbadf(RuleClass.FAST_FAIL),
    SynRefused(RuleClass.NETWORK),
    SynQueueAdd(RuleClass.NETWORK),
    SynCookieSent(RuleClass.NETWORK),
    SynQueueFullDrop(RuleClass.NETWORK),
    SynAcceptQueueFullDrop(RuleClass.NETWORK),
    SynMaxSynBacklogDrop(RuleClass.NETWORK),
    AckToAcceptQueue(RuleClass.NETWORK),
    AckAcceptQueueFullDrop(RuleClass.NETWORK),
    AckAcceptQueueFullReset(RuleClass.NETWORK),
    CookieAckToAcceptQueue(RuleClass.NETWORK),
    CookieAckAcceptQueueFullDrop(RuleClass.NETWORK),
    CookieAckInvalid(RuleClass.NETWORK),
    AckNoRequestReset(RuleClass.NETWORK),
    AckNoListenerReset(RuleClass.NETWORK),
    RstDropsRequest(RuleClass.NETWORK),
    RstQueuedChild(RuleClass.NETWORK),
    SynAckRetransmit(RuleClass.KERNEL),
    SynAckExpire(RuleClass.KERNEL),
    SynAckTimerListenerGone(RuleClass.KERNEL);

    private final RuleClass ruleClass;

    TcpRule(RuleClass ruleClass) {
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
