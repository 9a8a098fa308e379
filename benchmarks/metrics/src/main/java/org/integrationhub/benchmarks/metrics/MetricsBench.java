package org.integrationhub.benchmarks.metrics;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;

import javax.sql.DataSource;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketStats;
import org.integrationhub.core.internal.TicketServiceImpl;
import org.integrationhub.persistence.internal.DatabaseImpl;

import com.github.f4b6a3.ulid.UlidCreator;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Fills a scratch database with N tickets through batched JDBC inserts (after the hub's own migrations, so with its
 * indexes), then times calls of {@link TicketServiceImpl#stats()} — the query behind GET /api/v1/metrics/tickets and
 * hub:ticket-stats — and checks its figures against plain full-scan SQL.
 *
 * <p>The tickets: created over the last 365 days (active ones over the last 14 days), priorities low 20 %, normal
 * 50 %, high 20 %, urgent 10 %; a share of them active (open 60 %, pending 40 %), the rest resolved (10 %) or closed
 * (90 %) after a time uniform in [1 min, 1.25 × the SLA], so about a fifth were resolved late.
 */
public final class MetricsBench {

    private static final String PG_URL = env("HUB_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = env("HUB_TEST_PG_USER", "postgres");
    private static final String PG_SCHEMA = "metrics_bench";
    private static final Path H2_DIR = Path.of("/tmp/hub-metrics-bench");
    private static final int BATCH = 10_000;

    private MetricsBench() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        double activeShare = args.length > 3 ? Double.parseDouble(args[3]) : 0.05;
        boolean postgres = kind.startsWith("p");
        // BENCH_REUSE=1: time the database the previous run filled (same ticket count) instead of filling anew.
        boolean reuse = "1".equals(System.getenv("BENCH_REUSE"));

        try (HikariDataSource ds = postgres ? postgres(reuse) : h2(reuse)) {
            DatabaseImpl db = new DatabaseImpl(ds); // Flyway: the hub's schema and indexes
            Instant now = Instant.now();
            long t0 = System.nanoTime();
            if (reuse && count(ds, "SELECT COUNT(*) FROM ticket", null) == tickets) {
                System.out.println(kind + ": reusing the " + tickets + " tickets of the previous run");
            } else {
                fill(ds, tickets, activeShare, now);
            }
            long filled = System.nanoTime();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                // What autovacuum / H2's automatic statistics do on a live database after such a load.
                s.execute(postgres ? "VACUUM ANALYZE ticket" : "ANALYZE");
            }
            System.out.printf(Locale.ROOT, "%s: %,d tickets inserted in %.1f s, analysed in %.1f s%n", kind, tickets,
                    (filled - t0) / 1e9, (System.nanoTime() - filled) / 1e9);

            TicketServiceImpl service = new TicketServiceImpl(db, config());
            for (int i = 0; i < 50; i++) {
                service.stats();
            }
            long[] nanos = new long[calls];
            TicketStats last = null;
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                last = service.stats();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%s: %d calls of stats(): min %.2f ms, median %.2f ms, p95 %.2f ms, "
                    + "p99 %.2f ms, max %.2f ms, mean %.2f ms%n", kind, calls, ms(nanos[0]),
                    ms(nanos[calls / 2]), ms(nanos[(int) (calls * 0.95)]), ms(nanos[(int) (calls * 0.99)]),
                    ms(nanos[calls - 1]), ms(Arrays.stream(nanos).sum() / calls));
            System.out.println(kind + ": figures " + last.total() + " " + last.byPriority().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey(Comparator.comparing(Priority::ordinal))).toList());
            check(ds, last);
            plans(ds, postgres, last.at());
        }
    }

    private static void fill(DataSource ds, int tickets, double activeShare, Instant now) throws SQLException {
        Random random = new Random(42);
        Priority[] priorities = {Priority.LOW, Priority.LOW, Priority.NORMAL, Priority.NORMAL, Priority.NORMAL,
            Priority.NORMAL, Priority.NORMAL, Priority.HIGH, Priority.HIGH, Priority.URGENT};
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            String customer = UlidCreator.getUlid().toString();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customer (id, email, name, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, customer);
                ps.setString(2, "bench@example.com");
                ps.setString(3, "Bench");
                ps.setObject(4, utc(now.minus(Duration.ofDays(400))));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket (id, subject, description, priority, "
                    + "status, assignee, customer_id, created_at, updated_at, sla_due_at, resolved_at, resolved_late) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < tickets; i++) {
                    Priority p = priorities[random.nextInt(priorities.length)];
                    boolean active = random.nextDouble() < activeShare;
                    long ageMillis = (long) (random.nextDouble() * Duration.ofDays(active ? 14 : 365).toMillis());
                    Instant created = now.minusMillis(ageMillis);
                    Duration sla = Duration.ofHours(slaHours(p));
                    Instant due = created.plus(sla);
                    String status;
                    Instant resolved = null;
                    if (active) {
                        status = random.nextInt(10) < 6 ? "open" : "pending";
                    } else {
                        status = random.nextInt(10) == 0 ? "resolved" : "closed";
                        long took = 60_000 + (long) (random.nextDouble() * sla.toMillis() * 1.25);
                        resolved = created.plusMillis(took);
                        if (resolved.isAfter(now)) {
                            resolved = now.minusMillis(random.nextInt(3_600_000));
                            if (resolved.isBefore(created)) {
                                resolved = created;
                            }
                        }
                    }
                    ps.setString(1, UlidCreator.getUlid(created.toEpochMilli()).toString());
                    ps.setString(2, "Ticket " + i);
                    ps.setString(3, "Generated for the metrics benchmark");
                    ps.setString(4, p.wireName());
                    ps.setString(5, status);
                    ps.setString(6, null);
                    ps.setString(7, customer);
                    ps.setObject(8, utc(created));
                    ps.setObject(9, utc(resolved == null ? created : resolved));
                    ps.setObject(10, utc(due));
                    ps.setObject(11, resolved == null ? null : utc(resolved));
                    ps.setBoolean(12, resolved != null && resolved.isAfter(due));
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }

    /** The same figures by plain SQL (full scans, column comparisons): the indexed path must agree. */
    private static void check(DataSource ds, TicketStats stats) throws SQLException {
        OffsetDateTime now = utc(stats.at());
        long open = count(ds, "SELECT COUNT(*) FROM ticket WHERE status IN ('open', 'pending')", null);
        long overdue = count(ds, "SELECT COUNT(*) FROM ticket WHERE status IN ('open', 'pending') AND sla_due_at < ?",
                now);
        long late = count(ds, "SELECT COUNT(*) FROM ticket WHERE resolved_at IS NOT NULL AND resolved_at > sla_due_at",
                null);
        long window = count(ds, "SELECT COUNT(*) FROM ticket WHERE resolved_at > ? AND resolved_at <= ?", now);
        TicketStats.Figures t = stats.total();
        boolean ok = t.open() == open && t.overdue() == overdue && t.slaBreached() == overdue + late
                && t.resolvedInWindow() == window;
        System.out.printf(Locale.ROOT, "check against full scans: open %d, overdue %d, breached %d, resolved in "
                + "window %d: %s%n", open, overdue, overdue + late, window, ok ? "same figures" : "DIFFERENT");
        if (!ok) {
            System.exit(1);
        }
    }

    private static long count(DataSource ds, String sql, OffsetDateTime now) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (now != null) {
                int n = (int) sql.chars().filter(ch -> ch == '?').count();
                if (n == 2) {
                    ps.setObject(1, now.minusMinutes(60));
                    ps.setObject(2, now);
                } else {
                    ps.setObject(1, now);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The plans of the three statements of MetricsQuery.stats (same SQL, literal times). */
    private static void plans(DataSource ds, boolean postgres, Instant at) throws SQLException {
        String now = "TIMESTAMP WITH TIME ZONE '" + utc(at) + "'";
        String hourAgo = "TIMESTAMP WITH TIME ZONE '" + utc(at.minus(Duration.ofMinutes(60))) + "'";
        String[] queries = {
            "SELECT priority, COUNT(*), SUM(CASE WHEN sla_due_at < " + now + " THEN 1 ELSE 0 END) FROM ticket "
                    + "WHERE status IN ('open', 'pending') GROUP BY priority",
            "SELECT priority, COUNT(*) FROM ticket WHERE resolved_late = TRUE GROUP BY priority",
            "SELECT priority, COUNT(*), SUM(" + (postgres ? "EXTRACT(EPOCH FROM (resolved_at - created_at)) * 1000"
                    : "DATEDIFF('MILLISECOND', created_at, resolved_at)") + ") FROM ticket WHERE resolved_at > "
                    + hourAgo + " AND resolved_at <= " + now + " GROUP BY priority"};
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            if (postgres) {
                s.execute("SET max_parallel_workers_per_gather = 0"); // as MetricsQuery.stats's transaction does
            }
            for (String q : queries) {
                System.out.println("plan: " + q);
                try (ResultSet rs = s.executeQuery((postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ") + q)) {
                    while (rs.next()) {
                        System.out.println("    " + rs.getString(1).replace("\n", "\n    "));
                    }
                }
            }
        }
    }

    private static HikariDataSource h2(boolean reuse) throws IOException {
        if (!reuse && Files.exists(H2_DIR)) {
            try (var files = Files.walk(H2_DIR)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + H2_DIR + "/hub;WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static HikariDataSource postgres(boolean reuse) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            if (!reuse) {
                s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
            }
            s.execute("CREATE SCHEMA IF NOT EXISTS " + PG_SCHEMA);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA
                + "&reWriteBatchedInserts=true");
        config.setUsername(PG_USER);
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static int slaHours(Priority p) {
        return switch (p) {
            case URGENT -> 4;
            case HIGH -> 8;
            case NORMAL -> 24;
            case LOW -> 72;
        };
    }

    /** The core's configuration with every default (SLA hours 4/8/24/72), as Declarative Services would give it. */
    private static TicketServiceImpl.Config config() {
        return (TicketServiceImpl.Config) Proxy.newProxyInstance(MetricsBench.class.getClassLoader(),
                new Class<?>[] {TicketServiceImpl.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> TicketServiceImpl.Config.class;
                    case "toString" -> "defaults";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> method.getDefaultValue();
                });
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
