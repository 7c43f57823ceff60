package kpath.model.tcp;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A listener's SYN queue as {@link ListenState} keeps it: immutable, the request socks sorted by
 * client, so that a client's request is found by a binary search ({@link #of}) instead of a walk
 * of the queue (a hundred clients' timers ask for their requests before every line). Equal to any
 * set with the same request socks.
 */
final class RequestSet extends AbstractSet<RequestSock> {
    private static final Comparator<RequestSock> ORDER = (a, b) -> {
        int c = a.client().compareTo(b.client());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.numTimeout(), b.numTimeout());
        return c != 0 ? c : Boolean.compare(a.acked(), b.acked());
    };
    private static final RequestSet EMPTY = new RequestSet(new RequestSock[0]);

    private final RequestSock[] socks;

    private RequestSet(RequestSock[] socks) {
        this.socks = socks;
    }

    /** {@code c} itself when it is one, else its elements sorted by client. */
    static RequestSet copyOf(Collection<RequestSock> c) {
        if (c instanceof RequestSet r) {
            return r;
        }
        if (c instanceof Editing e) {
            return e.list.isEmpty() ? EMPTY : new RequestSet(e.list.toArray(new RequestSock[0]));  // in order already
        }
        if (c.isEmpty()) {
            return EMPTY;
        }
        RequestSock[] a = c.toArray(new RequestSock[0]);
        for (RequestSock r : a) {
            java.util.Objects.requireNonNull(r, "request sock");
        }
        Arrays.sort(a, ORDER);
        return new RequestSet(a);
    }

    /** {@code client}'s request sock (the first in order, if a broken state holds two). */
    Optional<RequestSock> of(String client) {
        int lo = 0;
        int hi = socks.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = socks[mid].client().compareTo(client);
            if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return lo < socks.length && socks[lo].client().equals(client) ? Optional.of(socks[lo]) : Optional.empty();
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof RequestSock r && of(r.client()).isPresent() && Arrays.asList(socks).contains(r);
    }

    @Override
    public int size() {
        return socks.length;
    }

    @Override
    public Iterator<RequestSock> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < socks.length;
            }

            @Override
            public RequestSock next() {
                if (i >= socks.length) {
                    throw new NoSuchElementException();
                }
                return socks[i++];
            }
        };
    }

    /**
     * A SYN queue a step is changing ({@code ListenState.Builder}), kept in order as it changes, so
     * that freezing it sorts nothing.
     */
    static final class Editing extends AbstractSet<RequestSock> {
        private final java.util.ArrayList<RequestSock> list;

        Editing(RequestSet from) {
            list = new java.util.ArrayList<>(Arrays.asList(from.socks));
        }

        private int search(RequestSock r) {
            return java.util.Collections.binarySearch(list, r, ORDER);
        }

        @Override
        public boolean add(RequestSock r) {
            int i = search(java.util.Objects.requireNonNull(r, "request sock"));
            if (i >= 0) {
                return false;
            }
            list.add(-i - 1, r);
            return true;
        }

        @Override
        public boolean remove(Object o) {
            int i = o instanceof RequestSock r ? search(r) : -1;
            if (i < 0) {
                return false;
            }
            list.remove(i);
            return true;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof RequestSock r && search(r) >= 0;
        }

        @Override
        public Iterator<RequestSock> iterator() {
            return list.iterator();
        }

        @Override
        public int size() {
            return list.size();
        }
    }
}
