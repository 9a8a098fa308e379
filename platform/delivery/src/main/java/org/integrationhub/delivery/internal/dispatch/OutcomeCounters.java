package org.integrationhub.delivery.internal.dispatch;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.integrationhub.delivery.DeliveryMetrics.Outcome;
import org.integrationhub.delivery.internal.shared.Completion;

/** Counts the attempt outcomes this node recorded, by subscriber kind and outcome; lock-free. */
public final class OutcomeCounters {

    private final ConcurrentHashMap<String, LongAdder[]> byKind = new ConcurrentHashMap<>();

    /** Counts one decision; a delivery handed back unattempted or cancelled is no attempt and is not counted. */
    void count(String kind, Completion.Decision decision) {
        Outcome outcome = switch (decision) {
            case DELIVERED -> Outcome.DELIVERED;
            case RETRY -> Outcome.RETRY;
            case FAILED -> Outcome.FAILED;
            case DISABLE -> Outcome.DISABLED;
            case ABSENT -> Outcome.ABSENT;
            case ABSENT_EXPIRED -> Outcome.ABSENT_EXPIRED;
            case THROTTLED -> Outcome.THROTTLED;
            default -> null;
        };
        if (outcome != null) {
            byKind.computeIfAbsent(kind, k -> newAdders())[outcome.ordinal()].increment();
        }
    }

    /** @return the counts so far, by kind (sorted) and outcome (every outcome present) */
    public Map<String, Map<Outcome, Long>> snapshot() {
        Map<String, Map<Outcome, Long>> out = new TreeMap<>();
        byKind.forEach((kind, adders) -> {
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                counts.put(o, adders[o.ordinal()].sum());
            }
            out.put(kind, counts);
        });
        return out;
    }

    private static LongAdder[] newAdders() {
        LongAdder[] adders = new LongAdder[Outcome.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
