package org.integrationhub.benchmarks.webhooks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time spent during a phase, by thread group (the receiver's server threads, the hub's and the raw loop's client
 * threads, the engine's scheduler threads, the rest), and by the whole process (JIT and GC included), so a phase's
 * cost per item can be compared with the raw loop's on a machine whose speed varies from run to run.
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<String, Long> start;
    private final long processStart;
    private final long gcStart;
    private final long jitStart;

    private CpuMeter(Map<String, Long> start, long processStart) {
        this.start = start;
        this.processStart = processStart;
        this.gcStart = gcMillis();
        this.jitStart = jitMillis();
    }

    static CpuMeter start() {
        return new CpuMeter(byGroup(), processCpu());
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** @return "µs of CPU per item: total (group a, group b, …)" since {@link #start} */
    String perItem(long items) {
        Map<String, Long> now = byGroup();
        StringBuilder s = new StringBuilder();
        long total = processCpu() - processStart;
        s.append(String.format("%.1f µs CPU per item (", total / 1e3 / items));
        long threads = 0;
        for (Map.Entry<String, Long> e : now.entrySet()) {
            long d = e.getValue() - start.getOrDefault(e.getKey(), 0L);
            threads += d;
            if (d > 0) {
                s.append(String.format("%s %.1f, ", e.getKey(), d / 1e3 / items));
            }
        }
        return s.append(String.format("jit+gc+ended %.1f; gc pauses %d ms, jit %d ms)", (total - threads) / 1e3 / items,
                gcMillis() - gcStart, jitMillis() - jitStart)).toString();
    }

    /** @return CPU seconds used by the whole process since {@link #start} */
    double processSeconds() {
        return (processCpu() - processStart) / 1e9;
    }

    private static Map<String, Long> byGroup() {
        Map<String, Long> groups = new TreeMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                groups.merge(group(t.getThreadName()), cpu, Long::sum);
            }
        }
        return groups;
    }

    private static String group(String name) {
        if (name.startsWith("qtp")) {
            return "receiver";
        } else if (name.startsWith("hub-webhooks")) {
            return "hub-client";
        } else if (name.startsWith("HttpClient")) {
            return "raw-client";
        } else if (name.startsWith("pool-")) {
            return "engine";
        }
        return name.equals("main") ? "main" : "other";
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
