package kpath.check;

/**
 * The fingerprints {@link FingerprintExplorer} has seen: an open-addressing hash set of primitive
 * longs with linear probing, as TLC's in-memory fingerprint set (8 bytes a slot, kept between 3/8
 * and 3/4 full: 11 to 21 bytes a fingerprint, nothing else per entry). The slot value 0 means
 * empty, so the fingerprint 0 is stored as 1 (which folds two of the 2⁶⁴ fingerprints into one).
 */
final class FingerprintSet {
    private long[] slots;
    private int mask;
    private long size;

    FingerprintSet(int expected) {
        int cap = Math.max(16, Integer.highestOneBit(expected * 2 - 1) << 1);   // at most half full
        slots = new long[cap];
        mask = cap - 1;
    }

    long size() {
        return size;
    }

    /** Slots in the table (a power of two). */
    int capacity() {
        return slots.length;
    }

    private static long key(long fp) {
        return fp == 0 ? 1 : fp;
    }

    boolean contains(long fp) {
        long k = key(fp);
        for (int i = (int) k & mask; ; i = (i + 1) & mask) {
            long v = slots[i];
            if (v == k) {
                return true;
            }
            if (v == 0) {
                return false;
            }
        }
    }

    /** Adds {@code fp}; false if it was there. */
    boolean add(long fp) {
        long k = key(fp);
        int i = (int) k & mask;
        for (long v; (v = slots[i]) != 0; i = (i + 1) & mask) {
            if (v == k) {
                return false;
            }
        }
        slots[i] = k;
        if (++size > slots.length / 4 * 3) {
            grow();
        }
        return true;
    }

    private void grow() {
        if (slots.length >= 1 << 30) {
            throw new IllegalStateException("more than " + size + " fingerprints: the set is full");
        }
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long k : old) {
            if (k != 0) {
                int i = (int) k & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = k;
            }
        }
    }
}
