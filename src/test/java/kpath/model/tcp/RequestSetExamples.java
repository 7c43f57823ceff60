package kpath.model.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SYN queue as a listener state keeps it: a set, sorted by client, searched by client. */
class RequestSetExamples {

    private static RequestSock r(String c, int n, boolean acked) {
        return new RequestSock(c, n, acked);
    }

    @Test
    void aClientsRequestIsFoundByItsName() {
        RequestSet q = RequestSet.copyOf(Set.of(r("c3", 0, false), r("c1", 1, false), r("c5", 0, true)));
        assertEquals(List.of("c1", "c3", "c5"), q.stream().map(RequestSock::client).toList());
        assertEquals(Optional.of(r("c3", 0, false)), q.of("c3"));
        assertEquals(Optional.of(r("c1", 1, false)), q.of("c1"));
        assertEquals(Optional.of(r("c5", 0, true)), q.of("c5"));
        assertEquals(Optional.empty(), q.of("c0"));     // before the first
        assertEquals(Optional.empty(), q.of("c2"));     // between
        assertEquals(Optional.empty(), q.of("c9"));     // after the last
        assertEquals(Optional.empty(), RequestSet.copyOf(Set.of()).of("c1"));
    }

    @Test
    void itIsEqualToEverySetOfTheSameRequests() {
        Set<RequestSock> plain = Set.of(r("c2", 0, false), r("c1", 2, true));
        RequestSet q = RequestSet.copyOf(plain);
        assertEquals(plain, q);
        assertEquals(q, plain);
        assertEquals(plain.hashCode(), q.hashCode());
        assertEquals(2, q.size());
        assertTrue(q.contains(r("c1", 2, true)));
        assertFalse(q.contains(r("c1", 2, false)));     // the client's, but not this request
        assertFalse(q.contains(r("c7", 0, false)));
        assertFalse(q.contains("c1"));
        assertSame(q, RequestSet.copyOf(q));
        assertSame(RequestSet.copyOf(Set.of()), RequestSet.copyOf(List.of()));
        var it = q.iterator();
        it.next();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
        assertThrows(NullPointerException.class, () -> RequestSet.copyOf(java.util.Arrays.asList(r("c1", 0, false), null)));
    }

    @Test
    void twoRequestsOfOneClientAreOrderedByTimeoutsThenAck() {
        // a state the invariants reject, kept in a fixed order all the same
        RequestSet q = RequestSet.copyOf(List.of(r("c1", 1, true), r("c1", 1, false), r("c1", 0, true)));
        assertEquals(List.of(r("c1", 0, true), r("c1", 1, false), r("c1", 1, true)), List.copyOf(q));
        assertEquals(Optional.of(r("c1", 0, true)), q.of("c1"));
    }

    @Test
    void aQueueBeingChangedStaysInOrderAndFreezesAsItIs() {
        RequestSet q = RequestSet.copyOf(Set.of(r("c2", 0, false), r("c4", 0, false)));
        RequestSet.Editing e = new RequestSet.Editing(q);
        assertTrue(e.add(r("c3", 0, false)));
        assertTrue(e.add(r("c1", 0, false)));
        assertTrue(e.add(r("c2", 1, false)));               // the same client, another request: kept apart
        assertFalse(e.add(r("c1", 0, false)));              // already there
        assertTrue(e.remove(r("c2", 0, false)));
        assertFalse(e.remove(r("c2", 0, false)));
        assertFalse(e.remove("c4"));
        assertTrue(e.contains(r("c4", 0, false)));
        assertFalse(e.contains(r("c4", 1, false)));
        assertFalse(e.contains("c4"));
        assertEquals(4, e.size());
        assertThrows(NullPointerException.class, () -> e.add(null));
        RequestSet frozen = RequestSet.copyOf(e);
        assertEquals(List.of("c1", "c2", "c3", "c4"), frozen.stream().map(RequestSock::client).toList());
        assertEquals(Optional.of(r("c2", 1, false)), frozen.of("c2"));
        assertEquals(Set.of(r("c2", 0, false), r("c4", 0, false)), q);     // the state's own queue is untouched
        RequestSet.Editing empty = new RequestSet.Editing(q);
        empty.clear();
        assertSame(RequestSet.copyOf(Set.of()), RequestSet.copyOf(empty));
    }
}
