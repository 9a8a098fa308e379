package org.integrationhub.testkit;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;

/**
 * Monotonic ULIDs on a clock, as the helpdesk core makes them (there with ulid-creator's monotonic factory): 48 bits
 * of epoch milliseconds and 80 random bits in 26 Crockford base-32 characters; an id made in the same millisecond
 * as the previous one (or while the clock stands still or goes back) is the previous one plus one, so ids sort in
 * creation order. Thread-safe.
 */
final class Ulids {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final String ACCEPTED = new String(CROCKFORD) + "ILO";
    private static final BigInteger RANDOM_LIMIT = BigInteger.ONE.shiftLeft(80);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private BigInteger lastRandom = BigInteger.ZERO;

    Ulids(Clock clock) {
        this.clock = clock;
    }

    synchronized String next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            lastRandom = new BigInteger(80, random);
        } else {
            lastRandom = lastRandom.add(BigInteger.ONE);
            if (lastRandom.equals(RANDOM_LIMIT)) {
                lastMillis++;
                lastRandom = BigInteger.ZERO;
            }
        }
        BigInteger value = BigInteger.valueOf(lastMillis).shiftLeft(80).or(lastRandom);
        char[] out = new char[26];
        for (int i = 25; i >= 0; i--) {
            out[i] = CROCKFORD[value.intValue() & 31];
            value = value.shiftRight(5);
        }
        return new String(out);
    }

    /**
     * @param id a candidate
     * @return whether it is a ULID as the core accepts one: 26 upper-case Crockford base-32 characters (the
     *         decoding aliases I, L and O included, as ulid-creator's {@code Ulid.isValid} has them) whose first is 0
     *         to 7 (no overflow of the 128 bits); anything else finds no ticket
     */
    static boolean isValid(String id) {
        if (id == null || id.length() != 26 || !id.equals(id.toUpperCase(Locale.ROOT)) || id.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (ACCEPTED.indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
