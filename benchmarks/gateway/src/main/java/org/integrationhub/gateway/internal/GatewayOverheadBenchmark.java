package org.integrationhub.gateway.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.spi.VendorQuota;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Gateway overhead per call: an action through every policy (rate limiter with a quota that never trips, circuit
 * breaker, bulkhead, time limit, retry, metrics) against calling the same connector directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GatewayOverheadBenchmark {

    /** A connector that answers at once. */
    static final class Echo implements IntegrationInterface {
        private static final ActionResult RESULT = new ActionResult(Map.of("ok", true));
        private final IntegrationDescriptor descriptor = new IntegrationDescriptor("bench", "echo", "1",
                List.of(new ActionDescriptor("echo", "echo", List.of())), new VendorQuota(1_000_000_000,
                        Duration.ofSeconds(1)), Set.of());

        @Override
        public IntegrationDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public ActionResult execute(ActionRequest request) {
            return RESULT;
        }

        @Override
        public HealthResult checkHealth() {
            return HealthResult.online("");
        }
    }

    private ScheduledExecutorService scheduler;
    private Gateway gateway;
    private Echo connector;
    private final Map<String, Object> params = Map.of("text", "hi");
    private final ActionRequest request = new ActionRequest("echo", params, "key");

    @Setup(Level.Trial)
    public void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        Deadlines deadlines = new Deadlines();
        scheduler.scheduleWithFixedDelay(deadlines::sweep, 20, 20, TimeUnit.MILLISECONDS);
        IntegrationRegistry registry = new IntegrationRegistry(deadlines);
        connector = new Echo();
        registry.add(connector, "bench/1");
        gateway = new Gateway(registry, () -> null, () -> null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.shutdownNow();
    }

    @Benchmark
    public ActionResult direct() {
        return connector.execute(request);
    }

    @Benchmark
    public ActionResult throughGateway() throws Exception {
        return gateway.execute("bench", "echo", params, "key");
    }
}
