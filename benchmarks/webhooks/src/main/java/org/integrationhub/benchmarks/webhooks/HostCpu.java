package org.integrationhub.benchmarks.webhooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time outside this JVM during a phase, read from /proc (Linux): the PostgreSQL server's processes (its backends,
 * which do the hub's SQL) and the whole machine's busy time, so that a phase can say whether the cores were full.
 */
final class HostCpu {

    /** Clock ticks per second of /proc's figures (USER_HZ, 100 on Linux). */
    private static final double HZ = 100;
    private final Map<Long, Long> postgresStart;
    private final long busyStart;

    private HostCpu() throws IOException {
        postgresStart = postgres();
        busyStart = machineBusy();
    }

    static HostCpu start() throws IOException {
        return new HostCpu();
    }

    /** @return CPU seconds used by the PostgreSQL processes since {@link #start} (ones that ended meanwhile lost) */
    double postgresSeconds() throws IOException {
        long ticks = 0;
        for (Map.Entry<Long, Long> e : postgres().entrySet()) {
            ticks += e.getValue() - postgresStart.getOrDefault(e.getKey(), 0L);
        }
        return ticks / HZ;
    }

    /** @return CPU seconds the whole machine was busy (every process, user + system) since {@link #start} */
    double machineSeconds() throws IOException {
        return (machineBusy() - busyStart) / HZ;
    }

    /** @return utime + stime in ticks of each process named postgres, by pid */
    private static Map<Long, Long> postgres() throws IOException {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" "); // f[0] is field 3 (state)
                    ticks.put(Long.valueOf(name), Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime, stime
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
        }
        return ticks;
    }

    /** @return the machine's busy ticks: user, nice, system, irq, softirq, steal of the first line of /proc/stat */
    private static long machineBusy() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]) + Long.parseLong(f[8]);
    }
}
