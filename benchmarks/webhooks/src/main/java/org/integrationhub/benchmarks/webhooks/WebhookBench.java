package org.integrationhub.benchmarks.webhooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.integrationhub.api.HubEvent;
import org.integrationhub.json.HubJson;
import org.integrationhub.delivery.DeliveryTransport;

/**
 * Webhook deliveries per second (relayed from the outbox, signed twice, POSTed, logged with their attempt) against a
 * raw loop of the same Jetty client to the same receiver; then the latency from commit to arrival at half that load.
 * Usage: {@code WebhookBench h2|postgresql [seconds] [events]}.
 */
public final class WebhookBench {

    private static final int PAYLOAD = 1024;
    private static final int TICKETS = 1000;
    private static String lastWindow = "";
    private static String lastCpu = "";

    private WebhookBench() {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "h2";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 30_000;
        Path work = Files.createTempDirectory("webhook-bench");
        try (Sink sink = new Sink(); HubUnderTest hub = new HubUnderTest(database, work)) {
            String body = HubJson.eventJson(HubUnderTest.event("01J0000000000000000000TICK", PAYLOAD));
            System.out.printf("payload %d bytes, database %s, %d s per phase%n", body.length(), database, seconds);

            RawLoop.run(sink.url(), body, 256, 32, 5); // warm-up
            hub.subscribe(sink.url());
            hub.bind();
            // warm-up of the whole path (the JIT settles)
            deliverBacklog(hub, sink, Integer.getInteger("bench.warmup", 200_000));
            // raw and hub phases alternate, so that a machine whose speed drifts (a noisy neighbour) weighs on both
            int rounds = Integer.getInteger("bench.rounds", 5);
            double[] ratios = new double[rounds];
            double[] rates = new double[rounds];
            StringBuilder cpu = new StringBuilder();
            double before = RawLoop.run(sink.url(), body, 256, 32, seconds, cpu);
            System.out.printf("raw Jetty loop:       %,10.0f POST/s; %s%n", before, cpu);
            // the first alternations still show the JIT at work (seconds of compilation per hub run after the
            // warm-up): shown, not counted
            int warmRounds = Integer.getInteger("bench.warmupRounds", 2);
            for (int round = -warmRounds; round < rounds; round++) {
                double rate = deliverBacklog(hub, sink, events);
                System.out.printf("hub deliveries:       %,10.0f deliveries/s (%d events, signed, logged; %s); %s%n",
                        rate, events, lastWindow, lastCpu);
                cpu.setLength(0);
                double after = RawLoop.run(sink.url(), body, 256, 32, seconds, cpu);
                System.out.printf("raw Jetty loop:       %,10.0f POST/s; %s%n", after, cpu);
                double ratio = 100 * rate / ((before + after) / 2);
                before = after;
                if (round < 0) {
                    System.out.printf("ratio hub / raw:      %10.1f %% (warm-up round, not counted)%n", ratio);
                    continue;
                }
                rates[round] = rate;
                ratios[round] = ratio;
                System.out.printf("ratio hub / raw:      %10.1f %% (round %d, against the raw runs either side)%n",
                        ratios[round], round + 1);
            }
            double[] sorted = ratios.clone();
            java.util.Arrays.sort(sorted);
            double rate = rates[0];
            for (int i = 0; i < rounds; i++) {
                if (ratios[i] == sorted[rounds / 2]) {
                    rate = rates[i];
                }
            }
            System.out.printf("ratio hub / raw:      %10.1f %% (median of %d rounds: %s)%n", sorted[rounds / 2], rounds,
                    java.util.Arrays.toString(java.util.Arrays.stream(ratios).map(r -> Math.round(r * 10) / 10.0)
                            .toArray()));

            latency(hub, sink, rate / 2, seconds);
        } finally {
            HubUnderTest.delete(work); // an H2 file of a run is several GB
        }
        System.exit(0); // the sender's Jetty threads are not daemons
    }

    /**
     * Writes {@code n} events while the relay is held, then times relay + dispatch until all are DELIVERED in the
     * database. The database is asked only once every event has reached the receiver (a COUNT over the delivery
     * table every few milliseconds would take a core from the hub under test).
     */
    private static double deliverBacklog(HubUnderTest hub, Sink sink, int n) throws Exception {
        Map<String, Object> props = Map.of(DeliveryTransport.KIND_PROPERTY, "webhook");
        hub.engine.unbindSource(hub.registry, props); // the relay waits for a required kind
        long before = hub.delivered();
        long arrivedBefore = sink.webhookRequests.sum();
        List<HubEvent> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(HubUnderTest.event(ticket(i % TICKETS), PAYLOAD));
            if (batch.size() == 500) {
                hub.append(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            hub.append(batch);
        }
        CpuMeter meter = CpuMeter.start();
        long start = System.nanoTime();
        java.time.LocalTime from = java.time.LocalTime.now();
        hub.engine.bindSource(hub.registry, props);
        while (sink.webhookRequests.sum() < arrivedBefore + n) { // then the database, once: it counts
            Thread.sleep(5);
        }
        while (hub.delivered() < before + n) {
            Thread.sleep(5);
        }
        lastWindow = from + "-" + java.time.LocalTime.now();
        lastCpu = meter.perItem(n);
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Commits single events at {@code perSecond} (4 writers) and measures commit → first arrival at the receiver. */
    private static void latency(HubUnderTest hub, Sink sink, double perSecond, int seconds) throws Exception {
        Map<String, Long> committed = new ConcurrentHashMap<>();
        sink.timing = true;
        int writers = 4;
        long intervalNanos = (long) (1e9 * writers / perSecond);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread t = new Thread(() -> {
                long next = System.nanoTime();
                while (next < end) {
                    HubEvent e = HubUnderTest.event(ticket(ThreadLocalRandom.current().nextInt(TICKETS)), PAYLOAD);
                    hub.append(List.of(e));
                    committed.put(e.id(), System.nanoTime());
                    hub.engine.handleEvent(null); // what the core's EventAdmin post does after commit
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!sink.firstArrivalNanos.keySet().containsAll(committed.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long[] micros = committed.entrySet().stream().mapToLong(e -> {
            Long at = sink.firstArrivalNanos.get(e.getKey());
            return at == null ? Long.MAX_VALUE : Math.max(0, at - e.getValue()) / 1000;
        }).sorted().toArray();
        System.out.printf("latency at %,.0f events/s offered (%,.0f achieved, %d events): p50 %.1f ms, p90 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms%n", perSecond, micros.length / (double) seconds, micros.length,
                pct(micros, 50), pct(micros, 90), pct(micros, 99), micros[micros.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1000.0;
    }

    private static String ticket(int i) {
        return String.format("01J0000000000000000000%04d", i);
    }
}
