package org.integrationhub.delivery.internal.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.github.f4b6a3.ulid.UlidCreator;

/** ULIDs for deliveries, attempts and lease owners. */
public final class Ids {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    /** Subscriber hashes, by {@code kind|subscriberId}; emptied when it holds more than {@link #HASHES_MAX}. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Long> HASHES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int HASHES_MAX = 10_000;

    private Ids() {
    }

    public static String next() {
        return UlidCreator.getMonotonicUlid().toString();
    }

    /** @return the smallest ULID of the instant: every id created before it sorts below */
    public static String before(java.time.Instant instant) {
        return com.github.f4b6a3.ulid.Ulid.min(instant.toEpochMilli()).toString();
    }

    /**
     * The id of the delivery of one event to one subscriber, the same whenever it is computed: a relay that sends an
     * event again after a crash, a replay and the journal all name one delivery alike. A ULID: the event's time (the
     * first 10 characters of its ULID), then 40 bits of the event's outbox sequence and 40 bits of a hash (SHA-256)
     * of the subscriber, so ids sort by event time and the journal finds a delivery by its subscriber and sequence
     * ({@link #sequenceOf}, {@link #subscriberHashOf}).
     */
    public static String delivery(String kind, String subscriberId, String eventId, long sequence) {
        char[] id = new char[26];
        eventId.getChars(0, 10, id, 0);
        long seq = sequence & ((1L << 40) - 1);
        for (int i = 17; i >= 10; i--) {
            id[i] = CROCKFORD[(int) (seq & 31)];
            seq >>>= 5;
        }
        long hash = subscriberHash(kind, subscriberId);
        for (int i = 25; i >= 18; i--) {
            id[i] = CROCKFORD[(int) (hash & 31)];
            hash >>>= 5;
        }
        return new String(id);
    }

    /** @return the event sequence a {@link #delivery} id carries; -1 if it is not such an id */
    public static long sequenceOf(String deliveryId) {
        return bits(deliveryId, 10, 18);
    }

    /** @return the subscriber hash a {@link #delivery} id carries (as {@link #subscriberHash}); -1 if none */
    public static long subscriberHashOf(String deliveryId) {
        return bits(deliveryId, 18, 26);
    }

    /** @return the value of the Crockford base-32 characters {@code [from, to)} of a ULID; -1 if it is none */
    private static long bits(String id, int from, int to) {
        if (id == null || id.length() != 26) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int v = decode(id.charAt(i));
            if (v < 0) {
                return -1;
            }
            value = (value << 5) | v;
        }
        return value;
    }

    private static int decode(char c) {
        char u = Character.toUpperCase(c);
        for (int i = 0; i < CROCKFORD.length; i++) {
            if (CROCKFORD[i] == u) {
                return i;
            }
        }
        return -1;
    }

    /** @return 40 bits of the SHA-256 of {@code kind|subscriberId} */
    public static long subscriberHash(String kind, String subscriberId) {
        String key = kind + '|' + subscriberId;
        Long known = HASHES.get(key);
        if (known != null) {
            return known;
        }
        if (HASHES.size() > HASHES_MAX) {
            HASHES.clear();
        }
        long hash = sha256Bits(key);
        HASHES.put(key, hash);
        return hash;
    }

    private static long sha256Bits(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 5; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
