package org.integrationhub.benchmarks.webhooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import com.github.f4b6a3.ulid.UlidCreator;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.json.HubJson;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.internal.DeliveryEngine;
import org.integrationhub.delivery.internal.EngineConfig;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.webhooks.internal.WebhookConfig;
import org.integrationhub.webhooks.internal.WebhookInput;
import org.integrationhub.webhooks.internal.WebhookRegistry;
import org.integrationhub.webhooks.internal.WebhookSender;

/**
 * The hub's real delivery path outside OSGi, wired as DS wires it in the distribution: a pooled database (H2 file or
 * PostgreSQL, migrated by the hub), the shared scheduler (4 threads), the delivery engine, the webhook registry and
 * sender with their default configuration (loopback allowed). Events are written to the outbox as the core writes them.
 * Several instances made by {@link #node} on one PostgreSQL schema are the nodes of a cluster ({@link ClusterBench}).
 */
final class HubUnderTest implements AutoCloseable {

    final Database db;
    final DeliveryEngine engine;
    final WebhookRegistry registry;
    final WebhookSender sender;
    private final HikariDataSource pool;
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(4);
    private static final String PG_URL = System.getenv().getOrDefault("HUB_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("HUB_TEST_PG_USER", "postgres");
    /** The PostgreSQL schema, null on H2. */
    private final String pgSchema;
    /** Whether {@link #close} drops {@link #pgSchema} (this node created it for itself). */
    private final boolean ownsSchema;

    HubUnderTest(String database, Path work) throws Exception {
        this(database.equals("postgresql") ? createSchema() : null, true, work, Map.of());
    }

    /**
     * A node of a cluster: joins {@code pgSchema} (migrated by the first node that starts on it, kept at close) with
     * its own pool, scheduler, engine, registry and sender, as another hub process on the same database would.
     *
     * @param engine engine settings over the defaults, e.g. a distinct {@code nodeName}, {@code directDispatch}
     */
    static HubUnderTest node(String pgSchema, Path work, Map<String, Object> engine) throws Exception {
        return new HubUnderTest(pgSchema, false, work, engine);
    }

    private HubUnderTest(String pgSchema, boolean ownsSchema, Path work, Map<String, Object> engineOverrides)
            throws Exception {
        this.pgSchema = pgSchema;
        this.ownsSchema = ownsSchema;
        pool = new HikariDataSource(pool(pgSchema, work));
        db = new DatabaseImpl(pool);
        engine = new DeliveryEngine(db, scheduler, Configs.of(EngineConfig.class, engineConfig(engineOverrides)));
        Map<String, Object> cfg = Map.of("allowedNetworks", new String[] {"127.0.0.0/8"}, "secretKeyFile",
                work.resolve("hub-webhook-secrets.key").toString());
        WebhookConfig config = Configs.of(WebhookConfig.class, cfg);
        registry = new WebhookRegistry(db, engine, scheduler, config);
        sender = new WebhookSender(registry, config);
    }

    /** @return a new, empty PostgreSQL schema (the first node to start on it migrates it) */
    static String createSchema() throws Exception {
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres("CREATE SCHEMA " + schema);
        return schema;
    }

    static void dropSchema(String schema) throws Exception {
        postgres("DROP SCHEMA " + schema + " CASCADE");
    }

    /** Runs one statement on the PostgreSQL test database, outside any node's pool. */
    static void postgres(String sql) throws Exception {
        try (Connection conn = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    /** @param pgSchema the PostgreSQL schema to use, or null for an H2 file database in {@code work} */
    private static HikariConfig pool(String pgSchema, Path work) throws Exception {
        HikariConfig c = new HikariConfig();
        c.setMaximumPoolSize(10);
        if (pgSchema != null) {
            c.setJdbcUrl(PG_URL + "?currentSchema=" + pgSchema);
            c.setUsername(PG_USER);
        } else {
            Files.createDirectories(work);
            // the distribution's default datasource URL (etc/org.ops4j.datasource-hub.cfg)
            c.setJdbcUrl("jdbc:h2:file:" + work.resolve("hub") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64"
                    + System.getProperty("bench.h2.options", ""));
            c.setUsername("sa");
        }
        return c;
    }

    /** Registers the receiver for every event type. */
    String subscribe(String url) {
        return registry.create(new WebhookInput(url, List.of("*"), "bench", null, null, null, null, null, null))
                .endpoint().id();
    }

    /** Lets the relay and the dispatcher start: binds the webhook source and transport, as DS does. */
    void bind() {
        Map<String, Object> props = Map.of(DeliveryTransport.KIND_PROPERTY, "webhook");
        engine.bindSource(registry, props);
        engine.bindTransport(sender, props);
    }

    /** @return the JSON envelope of an event of about {@code size} bytes */
    static HubEvent event(String ticketId, int size) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Ticket base = ticket(ticketId, "", now);
        int pad = Math.max(0, size - HubJson.eventJson(new HubEvent(UlidCreator.getMonotonicUlid().toString(), 0,
                EventType.TICKET_UPDATED, now, base, null, null, Set.of())).length());
        return new HubEvent(UlidCreator.getMonotonicUlid().toString(), 0, EventType.TICKET_UPDATED, now,
                ticket(ticketId, "x".repeat(pad), now), null, null, Set.of());
    }

    private static Ticket ticket(String id, String description, Instant now) {
        return new Ticket(id, "benchmark ticket " + id, description, Priority.NORMAL, TicketStatus.OPEN, null,
                new Customer("01J00000000000000000000000", "a@example.com", "A", Map.of(), now), now, now,
                now.plus(Duration.ofHours(1)), null);
    }

    /** Writes events to the outbox in one transaction, as the core does for each change. */
    void append(List<HubEvent> events) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_event (id, type, ticket_id,"
                    + " occurred_at, payload) VALUES (?, ?, ?, ?, ?)")) {
                for (HubEvent e : events) {
                    ps.setString(1, e.id());
                    ps.setString(2, e.type().wireName());
                    ps.setString(3, e.ticketId());
                    ps.setObject(4, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                    ps.setString(5, HubJson.eventJson(e));
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    /**
     * The engine's configuration: its defaults, then {@code overrides}, then -Dbench.batchSize, -Dbench.maxInFlight,
     * -Dbench.stallInFlight and -Dbench.stallSeconds to compare tunings.
     */
    private static Map<String, Object> engineConfig(Map<String, Object> overrides) {
        Map<String, Object> cfg = new java.util.HashMap<>(Map.of("nodeName", "bench", "requiredKinds",
                new String[] {"webhook"}));
        cfg.putAll(overrides);
        for (String key : new String[] {"batchSize", "maxInFlight", "stallInFlight", "stallSeconds"}) {
            String value = System.getProperty("bench." + key);
            if (value != null) {
                cfg.put(key, Integer.valueOf(value));
            }
        }
        return cfg;
    }

    /** @return delivered deliveries: DELIVERED rows and journal lines (first attempts that succeeded) */
    long delivered() {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM delivery WHERE status = 'DELIVERED')"
                            + " + (SELECT COALESCE(SUM(entries), 0) FROM delivery_journal)")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void close() throws Exception {
        try {
            closeEngine();
        } finally {
            if (pgSchema != null && ownsSchema) {
                dropSchema(pgSchema);
            }
        }
    }

    /** Deletes a work folder and what it holds. */
    static void delete(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void closeEngine() throws Exception {
        engine.deactivate();
        // let a running task (the engine's ANALYZE after a burst) end before the pool closes; drop the waiting ones
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.shutdown();
        if (!scheduler.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
            scheduler.shutdownNow();
        }
        // the sender's client threads go too (nodes come and go within one JVM); DS calls this package-private method
        java.lang.reflect.Method stop = WebhookSender.class.getDeclaredMethod("deactivate");
        stop.setAccessible(true);
        stop.invoke(sender);
        pool.close();
    }
}
