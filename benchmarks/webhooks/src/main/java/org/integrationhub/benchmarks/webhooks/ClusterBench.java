package org.integrationhub.benchmarks.webhooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.integrationhub.api.HubEvent;
import org.integrationhub.delivery.DeliveryMetrics;

/**
 * Webhook deliveries per second of one hub node against two nodes sharing one PostgreSQL schema, with and without
 * direct dispatch, and the receiver's check that every event arrived exactly once. A node is what
 * {@link HubUnderTest} wires (own pool, scheduler, engine, registry, sender; a distinct node name), all in this JVM,
 * on one schema made for the run (one endpoint, registered once, on the loopback {@link Sink}). Per round and
 * scenario the nodes start, a backlog is written to the outbox before any node has its webhook source (no relay
 * runs), and the run is timed from binding the sources until the receiver has every webhook-id and the database
 * records every delivery as delivered; then the nodes stop. Optionally (-Dbench.steadyRate) each scenario also takes a
 * steady load. Usage: {@code ClusterBench [events per run] [rounds]}.
 */
public final class ClusterBench {

    private static final int PAYLOAD = 1024;
    private static final int TICKETS = 1000;
    /** Flyway's INFO lines (held: the JDK keeps loggers weakly). */
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");

    /** What a run starts: how many nodes, and their direct-dispatch setting. */
    private enum Scenario {
        ONE("1 node", 1, true), TWO("2 nodes", 2, true), ONE_CLAIMED("1 node, directDispatch=false", 1, false),
        TWO_CLAIMED("2 nodes, directDispatch=false", 2, false);

        final String label;
        final int nodes;
        final boolean direct;

        Scenario(String label, int nodes, boolean direct) {
            this.label = label;
            this.nodes = nodes;
            this.direct = direct;
        }
    }

    private record Result(double rate, double jvmMicros, double postgresMicros, double coresBusy) {
    }

    /** A steady run's latency from commit to the receiver, in ms. */
    private record Latency(double p50, double p99, double max) {
    }

    private final String schema;
    private final Path work;
    private final Sink sink;

    private ClusterBench(String schema, Path work, Sink sink) {
        this.schema = schema;
        this.work = work;
        this.sink = sink;
    }

    public static void main(String[] args) throws Exception {
        FLYWAY.setLevel(Level.SEVERE);
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("cluster-bench"); // the nodes' shared secret key file
        String schema = HubUnderTest.createSchema();
        int status = 0;
        try (Sink sink = new Sink()) {
            new ClusterBench(schema, work, sink).measure(events, rounds);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1; // loudly
        } finally {
            HubUnderTest.dropSchema(schema);
            HubUnderTest.delete(work);
        }
        System.exit(status); // the clients' threads are not daemons
    }

    private void measure(int events, int rounds) throws Exception {
        int warmRounds = Integer.getInteger("bench.warmupRounds", 1);
        double steadyRate = Double.parseDouble(System.getProperty("bench.steadyRate", "0"));
        int steadySeconds = Integer.getInteger("bench.steadySeconds", 15);
        System.out.printf("%,d events per run over %d tickets, payload %d bytes, PostgreSQL schema %s, %d warm-up +"
                + " %d rounds; load average before: %s%n", events, TICKETS, PAYLOAD, schema, warmRounds, rounds,
                Files.readString(Path.of("/proc/loadavg")).trim());
        try (HubUnderTest first = HubUnderTest.node(schema, work, Map.of("nodeName", "setup"))) {
            first.subscribe(sink.url()); // migrates the schema first; the nodes read the endpoint when they start
        }
        // rows in the delivery table, then statistics, before anything is timed (see analyze())
        backlog(Scenario.TWO_CLAIMED, Math.min(events, 5_000));
        Map<Scenario, List<Result>> results = new LinkedHashMap<>();
        Map<Scenario, List<Latency>> latencies = new LinkedHashMap<>();
        for (int round = -warmRounds; round < rounds; round++) {
            Scenario[] all = Scenario.values();
            for (int i = 0; i < all.length; i++) { // the order turns each round: none always runs first
                Scenario s = all[Math.floorMod(i + round, all.length)];
                Result r = backlog(s, events);
                System.out.printf("%s %-30s %,8.0f deliveries/s%s%n", round < 0 ? "warm-up" : "round " + (round + 1),
                        s.label, r.rate, round < 0 ? " (not counted)" : "");
                if (round >= 0) {
                    results.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
                    if (steadyRate > 0) {
                        latencies.computeIfAbsent(s, k -> new ArrayList<>()).add(steady(s, steadyRate, steadySeconds));
                    }
                }
            }
        }
        System.out.println("medians:");
        for (Map.Entry<Scenario, List<Result>> e : results.entrySet()) {
            List<Result> rs = e.getValue();
            System.out.printf("  %-30s %,8.0f deliveries/s (rounds %s); CPU per delivery: JVM %.0f µs, PostgreSQL"
                    + " %.0f µs; cores busy %.2f of 2%n", e.getKey().label, median(rs, Result::rate),
                    Arrays.toString(rs.stream().mapToLong(r -> Math.round(r.rate)).toArray()),
                    median(rs, Result::jvmMicros), median(rs, Result::postgresMicros), median(rs, Result::coresBusy));
        }
        for (Map.Entry<Scenario, List<Latency>> e : latencies.entrySet()) {
            List<Latency> ls = e.getValue();
            System.out.printf("  steady %,.0f/s %-23s commit → receiver p50 %.1f ms, p99 %.1f ms (p99 of the"
                    + " rounds %s), max %.1f ms%n", steadyRate, e.getKey().label, median(ls, Latency::p50),
                    median(ls, Latency::p99), Arrays.toString(ls.stream().mapToDouble(Latency::p99).toArray()),
                    ls.stream().mapToDouble(Latency::max).max().orElse(0));
        }
    }

    /** Writes {@code n} events while no node relays, then times every node relaying and sending them. */
    private Result backlog(Scenario scenario, int n) throws Exception {
        List<HubUnderTest> nodes = start(scenario);
        try {
            long[] before = counts(nodes.get(0));
            List<HubEvent> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(HubUnderTest.event(ticket(i % TICKETS), PAYLOAD));
                if (batch.size() == 500 || i == n - 1) {
                    nodes.get(0).append(batch);
                    batch.clear();
                }
            }
            count(true);
            CpuMeter jvm = CpuMeter.start();
            HostCpu host = HostCpu.start();
            long start = System.nanoTime();
            LocalTime from = LocalTime.now();
            nodes.forEach(HubUnderTest::bind); // the relays may run from now on
            long deadline = start + TimeUnit.SECONDS.toNanos(60 + n / 200);
            while (sink.ids.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            while (nodes.get(0).delivered() < before[0] + n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String cpu = jvm.perItem(n);
            Result result = new Result(n / seconds, jvm.processSeconds() * 1e6 / n, host.postgresSeconds() * 1e6 / n,
                    host.machineSeconds() / seconds);
            Thread.sleep(500); // an attempt sent twice would have arrived by now (short of a lease running out)
            System.out.printf("  %s %s-%s: %s; %s; PostgreSQL %.1f µs CPU per delivery; cores busy %.2f of 2%n",
                    scenario.label, from, LocalTime.now(), verify(nodes, n, before), cpu, result.postgresMicros,
                    result.coresBusy);
            return result;
        } finally {
            stop(nodes);
        }
    }

    /**
     * Steady load: 4 writers commit single events at {@code rate} for {@code seconds}, writer i through node i mod N
     * (and wake that node's engine, as the core's EventAdmin event does on the node that took the request); prints the
     * achieved rate and the latency from commit to first arrival.
     *
     * @return that latency
     */
    private Latency steady(Scenario scenario, double rate, int seconds) throws Exception {
        List<HubUnderTest> nodes = start(scenario);
        try {
            nodes.forEach(HubUnderTest::bind);
            long[] before = counts(nodes.get(0));
            count(true);
            sink.firstArrivalNanos.clear();
            sink.timing = true;
            Map<String, Long> committed = new ConcurrentHashMap<>();
            int writers = 4;
            long interval = (long) (1e9 * writers / rate);
            CpuMeter jvm = CpuMeter.start();
            HostCpu host = HostCpu.start();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                HubUnderTest node = nodes.get(w % nodes.size());
                Thread t = new Thread(() -> {
                    for (long next = System.nanoTime(); next < end; next += interval) {
                        HubEvent e = HubUnderTest.event(ticket(ThreadLocalRandom.current().nextInt(TICKETS)), PAYLOAD);
                        node.append(List.of(e));
                        committed.put(e.id(), System.nanoTime());
                        node.engine.handleEvent(null);
                        LockSupport.parkNanos(next + interval - System.nanoTime());
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            int n = committed.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((sink.ids.size() < n || nodes.get(0).delivered() < before[0] + n) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            String cpu = String.format("CPU per delivery: JVM %.0f µs, PostgreSQL %.0f µs; cores busy %.2f of 2",
                    jvm.processSeconds() * 1e6 / n, host.postgresSeconds() * 1e6 / n, host.machineSeconds() / elapsed);
            Thread.sleep(500);
            long[] micros = committed.entrySet().stream().mapToLong(e -> {
                Long at = sink.firstArrivalNanos.get(e.getKey()); // webhook-id: the event id
                return at == null ? Long.MAX_VALUE : Math.max(0, at - e.getValue()) / 1000;
            }).sorted().toArray();
            System.out.printf("  steady %-23s %,6.0f events/s offered, %,.0f committed, the last delivered %.1f s after"
                    + " the load began; commit → receiver p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s; %s%n",
                    scenario.label, rate, n / (double) seconds, elapsed, pct(micros, 50), pct(micros, 99),
                    micros[micros.length - 1] / 1000.0, verify(nodes, n, before), cpu);
            return new Latency(pct(micros, 50), pct(micros, 99), micros[micros.length - 1] / 1000.0);
        } finally {
            stop(nodes);
        }
    }

    /** Starts the scenario's nodes on the run's schema; node-a, node-b, … */
    private List<HubUnderTest> start(Scenario scenario) throws Exception {
        List<HubUnderTest> nodes = new ArrayList<>();
        for (int i = 0; i < scenario.nodes; i++) {
            nodes.add(HubUnderTest.node(schema, work, Map.of("nodeName", "node-" + (char) ('a' + i), "directDispatch",
                    scenario.direct)));
        }
        return nodes;
    }

    private void stop(List<HubUnderTest> nodes) throws Exception {
        count(false);
        sink.timing = false;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        analyze();
    }

    /**
     * Updates the planner's statistics of the delivery tables, as autovacuum does on a live hub (the test server runs
     * with autovacuum off). Without them, on a fresh schema, the relay's insert of a delivery row planned its
     * {@code NOT EXISTS} check on the log index and read every row of the subscriber: quadratic (fixed since: on
     * PostgreSQL the relay inserts with ON CONFLICT DO NOTHING; {@code -Dbench.analyze=false} shows it).
     */
    private void analyze() throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("bench.analyze", "true"))) {
            return; // -Dbench.analyze=false: what a fresh hub meets before autovacuum's first analyze
        }
        HubUnderTest.postgres(String.format("ANALYZE %1$s.delivery, %1$s.delivery_journal, %1$s.delivery_attempt,"
                + " %1$s.outbox_event", schema));
    }

    private void count(boolean on) {
        sink.counting = false;
        sink.ids.clear();
        sink.duplicates.reset();
        sink.counting = on;
    }

    /**
     * Fails the run on a duplicate webhook-id, a missing one, or a delivery not recorded as delivered.
     *
     * @return what was checked, how each path recorded its deliveries, and which node sent them
     */
    private String verify(List<HubUnderTest> nodes, int n, long[] before) {
        long[] after = counts(nodes.get(0));
        long delivered = after[0] - before[0];
        check(sink.duplicates.sum() == 0, sink.duplicates.sum() + " duplicate webhook-id(s) at the receiver");
        check(sink.ids.size() == n, sink.ids.size() + " distinct webhook-ids at the receiver, not " + n);
        check(delivered == n, delivered + " delivered in the database, not " + n);
        check(after[3] == 0, after[3] + " deliveries not delivered");
        StringBuilder s = new StringBuilder(String.format("%,d webhook-ids, 0 duplicates, %,d delivered (%,d as rows,"
                + " %,d as journal entries), sent by", n, delivered, after[1] - before[1], after[2] - before[2]));
        for (int i = 0; i < nodes.size(); i++) {
            long d = nodes.get(i).engine.outcomes().getOrDefault("webhook", Map.of())
                    .getOrDefault(DeliveryMetrics.Outcome.DELIVERED, 0L);
            s.append(String.format(" node-%c %,d", (char) ('a' + i), d));
        }
        return s.toString();
    }

    /** @return delivered (rows + journal entries), delivery rows, journal entries, rows not delivered */
    private static long[] counts(HubUnderTest node) {
        long delivered = node.delivered();
        return node.db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM"
                    + " delivery), (SELECT COALESCE(SUM(entries), 0) FROM delivery_journal),"
                    + " (SELECT COUNT(*) FROM delivery WHERE status <> 'DELIVERED')")) {
                rs.next();
                return new long[] {delivered, rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        });
    }

    private static void check(boolean ok, String failure) {
        if (!ok) {
            throw new IllegalStateException("FAILED: " + failure);
        }
    }

    private static String ticket(int i) {
        return String.format("01J0000000000000000000%04d", i);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1000.0;
    }

    private static <T> double median(List<T> rs, ToDoubleFunction<T> f) {
        double[] v = rs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
