/**
 * The kpath trace file format, version 1: what the real kernel did in one scenario — the calls a
 * test made and what they returned, the packets that crossed the wire, and state observed along
 * the way — written so that a person can read and edit it and a model can be checked against it.
 * This is the one place the format is described. The package uses java.base only and knows
 * nothing of any model.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * kpath-trace 1
 * scenario: accept-queue-fill-backlog-2
 * kernel: 6.18.44-fc-v657
 * arch: x86_64
 * netns: host
 * peer: loopback
 * sysctl: net.core.somaxconn=4096
 * sysctl: net.ipv4.tcp_syncookies=1
 * path: tcp
 * captured-by: kpath
 * # A free-text narrative: comment lines start with '#', anywhere after the first line.
 * +0.000000 listen(L, 2) = 0
 * +0.000112 connect(c1) = -1 EINPROGRESS
 * +0.000300 accept4(L, 0) = c1
 * +0.000400 accept4(L, SOCK_NONBLOCK) = -1 EAGAIN
 * +0.000500 t1 -> accept4(L, SOCK_NONBLOCK)
 * +0.010500 t1 <- c2
 * +0.020000 < S c1
 * +0.020100 > S. c1
 * +0.030000 observe tcp_info(L) state=LISTEN unacked=2 sacked=1
 * +0.030100 observe poll(L) revents=EPOLLIN|EPOLLRDNORM
 * +0.030200 observe netstat ListenOverflows=1 ListenDrops=1
 * +0.030300 observe client(c1) state=ESTABLISHED
 * +0.030400 end
 * }</pre>
 *
 * <h2>Grammar</h2>
 * The file is UTF-8 text of lines, each ending in a line feed. {@code SP} is one space; quoted
 * text is literal; {@code [x]} is optional, {@code {x}} is zero or more; regular expressions
 * stand between {@code ?}.
 * <pre>{@code
 * trace        = "kpath-trace 1" NL  { header-line NL }  { body-line NL }
 *                [ end-line NL  { blank NL } ] ;    the end is required of a complete trace
 *
 * header-line  = key ":" SP value ;
 * key          = ? [a-z][a-z0-9-]* ? ;
 * value        = one line of text, not blank, no surrounding spaces ;
 *                  required:  "scenario" / "kernel" / "arch" : any value
 *                             "netns" : "host" | "private"
 *                             "peer"  : "loopback" | "tun"
 *                  repeated:  "sysctl" : sysctl-name "=" value     (each name once)
 *                  optional:  "path" : ? [a-z][a-z0-9-]* ?       (at most once)
 *                  any other key: kept, in order, as an extra (Header.extra)
 *
 * body-line    = blank | comment | event ;
 * blank        = "" ;
 * comment      = "#" { any character } ;
 * event        = time SP ( syscall | call-start | call-return | packet | observation ) ;
 * time         = "+" seconds "." micros ;           e.g. +0.000112
 * seconds      = ? [0-9]+ ? ;
 * micros       = ? [0-9]{6} ? ;
 *
 * syscall      = call SP "=" SP result ;            returned at once
 * call-start   = task SP "->" SP call ;             the task blocks in the call ...
 * call-return  = task SP "<-" SP result ;           ... until its call returns
 * call         = name "(" arg { ", " arg } ")" ;
 * name         = a Linux x86_64 system call name, or send / recv (SyscallNames) ;
 * arg          = text without "(" ")" line breaks or ", ", not empty, no surrounding spaces ;
 * result       = "-1" SP errno | token ;             token is not "-1"
 * errno        = ? E[A-Z0-9]+ ? ;
 * token        = ? \S+ ? ;                          a number, a name like c1, or "-" for
 *                                                   "any non-error result"
 * task         = ? t[0-9]+ ? ;
 *
 * packet       = ( "<" | ">" ) SP flags SP peer ;    < arrives at the kernel, > is sent by it
 * flags        = ? [SFRPUEW.]+ ? ;                  packetdrill notation: S  S.  .  R  R.  F.  P.
 * peer         = ? [A-Za-z_][A-Za-z0-9_]* ? ;        e.g. c1
 *
 * observation  = "observe" SP what [ "(" target ")" ] SP pair { SP pair } ;
 * what         = ? [A-Za-z_][A-Za-z0-9_]* ? ;        e.g. tcp_info, poll, netstat
 * target       = ? [^()\s]+ ? ;                      e.g. L, c1
 * pair         = pair-key "=" token ;               each pair-key once per line
 * pair-key     = ? [A-Za-z_][A-Za-z0-9_.:-]* ? ;
 *
 * end-line     = time SP "end" ;                    the recorder finished the scenario normally
 * }</pre>
 *
 * <h2>Rules beyond the grammar</h2>
 * <ul>
 *   <li>The first line is exactly {@code kpath-trace 1}.</li>
 *   <li>The header runs from line 2 to the first line that is blank, a comment or an event; a
 *       header line after that is an error. Its lines come in this order: {@code scenario},
 *       {@code kernel}, {@code arch}, {@code netns}, {@code peer} (each exactly once), then the
 *       {@code sysctl} lines, then any other keys.</li>
 *   <li>{@code path} names the kernel path the trace records ({@code tcp}, {@code readiness},
 *       {@code completion}, {@code jdk}):
 *       the checkers replay it with that path's model and spec, whatever syscalls it makes. The
 *       recorders write it. A trace without it is routed by the folder it lies in
 *       ({@code traces/<path>/}); a name no path has is bad input. The paths are listed in one
 *       registry, {@code kpath.cli.Paths}.</li>
 *   <li>Times count from the start of the trace and never decrease.</li>
 *   <li>A task has at most one call in progress: {@code TASK -> call} needs none, and
 *       {@code TASK <- result} ends the one there is. Calls still in progress at the end of the
 *       trace are allowed ({@link kpath.trace.Trace#pendingCalls()}).</li>
 *   <li>Arguments are the text between the parentheses split at {@code ", "}, each trimmed; there
 *       is no nesting.</li>
 *   <li>Blank lines and comments may stand anywhere among the events and are kept, so a trace
 *       reads back and writes out unchanged.</li>
 *   <li>The end marker {@code +S.ffffff end} is the last line: the recorder writes it, stamped
 *       like an event and no earlier than the last one, only when the scenario finished normally
 *       ({@code kpath.kernel.TraceLog#end}). Nothing but blank lines may follow it (they are
 *       dropped); an event, comment or header line after it is an error naming its line. A trace
 *       without it still reads ({@link kpath.trace.Trace#complete()} is false), but it is
 *       <em>incomplete</em> — a capture that crashed halfway, or a file cut short by a copy, looks
 *       otherwise like a short valid trace — and the checkers refuse it as bad input at its last
 *       line: {@code x.trace:12: trace has no end marker (truncated or unfinished capture)}.
 *       The marker carries a time, like the lines it follows, so that every line that is not a
 *       comment starts with one and the trace says when the capture ended; it is a word of its
 *       own, not {@code key: value}, so that it cannot be taken for a header line. It is not an
 *       event: it records nothing the kernel did, and no checker replays it.</li>
 * </ul>
 *
 * <h2>Canonical form</h2>
 * {@link kpath.trace.TraceWriter} writes exactly the grammar above: one space where it shows
 * {@code SP}, no trailing spaces, times with 6 decimals, and a line feed after every line. The
 * reader also takes runs of spaces or tabs for one space, white space at either end of a line
 * (kept inside comments), CR LF line ends, times with fewer decimals ({@code +1.5}), and blank
 * lines after the end marker; so {@code format(parse(x))} equals {@code x} for every canonical
 * {@code x} and is the canonical form of every other valid {@code x}.
 *
 * <h2>Errors</h2>
 * {@link kpath.trace.TraceReader} stops at the first line that breaks the format with a
 * {@link kpath.trace.TraceFormatException} whose message is {@code FILE:LINE: REASON}, e.g.
 * {@code traces/tcp/x.trace:9: time +0.000100 goes backwards (previous +0.000200)}.
 */
package kpath.trace;
