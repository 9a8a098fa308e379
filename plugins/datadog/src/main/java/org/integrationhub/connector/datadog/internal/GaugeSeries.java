package org.integrationhub.connector.datadog.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketStats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gauges one report submits, built from the hub's {@link TicketStats} as the body of Datadog's
 * {@code POST /api/v2/series}: {@code helpdesk.tickets.open}, {@code helpdesk.tickets.overdue},
 * {@code helpdesk.sla.breached} and {@code helpdesk.resolution.average} (minutes over the last hour), each once over
 * all tickets (tag {@code priority:all}) and once per priority ({@code priority:low} … {@code priority:urgent}), all
 * tagged {@code service:helpdesk}, {@code environment:<environment>} and the configured tags. Type 3 (gauge), one
 * point stamped with the figures' time in epoch seconds. The average is left out of a priority (or the total) that
 * had no resolution in the window, rather than sent as 0. No ticket id or other high-cardinality value ever
 * becomes a tag: at most 4 × 5 = 20 series per instance.
 */
final class GaugeSeries {

    static final String OPEN = "helpdesk.tickets.open";
    static final String OVERDUE = "helpdesk.tickets.overdue";
    static final String SLA_BREACHED = "helpdesk.sla.breached";
    static final String RESOLUTION_AVERAGE = "helpdesk.resolution.average";
    /** Datadog's metric type number of a gauge (0 unspecified, 1 count, 2 rate, 3 gauge). */
    static final int GAUGE = 3;
    static final String ALL_PRIORITIES = "all";

    /** Datadog's tag grammar: starts with a letter; letters, digits, {@code _ - : . /}; at most 200 characters. */
    private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9_\\-:./]{0,199}");
    private static final Pattern TAG_VALUE = Pattern.compile("[a-z0-9_\\-:./]{1,180}");
    private static final List<String> RESERVED_KEYS = List.of("service", "environment", "priority");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One series of a report, as it was sent.
     *
     * @param value a {@link Long} for the counts, a {@link Double} (minutes) for the average
     */
    record Point(String metric, Number value, List<String> tags) {
    }

    private GaugeSeries() {
    }

    /**
     * @param environment the {@code environment} setting
     * @param tags the {@code tags} setting: comma-separated {@code key:value} pairs, may be empty
     * @return the tags every series carries, lower-cased: {@code service:helpdesk}, {@code environment:<env>}, then
     *         the configured ones in their order
     * @throws IllegalArgumentException naming the bad value, for an empty or malformed environment or tag, or a
     *         configured tag whose key the connector sets itself
     */
    static List<String> baseTags(String environment, String tags) {
        String env = environment == null ? "" : environment.strip().toLowerCase(Locale.ROOT);
        if (env.isEmpty()) {
            throw new IllegalArgumentException("environment is not set (e.g. production)");
        }
        if (!TAG_VALUE.matcher(env).matches()) {
            throw new IllegalArgumentException("environment '" + environment.strip() + "' is not a Datadog tag value "
                    + "(letters, digits, _ - . / :, at most 180 characters)");
        }
        List<String> out = new ArrayList<>(List.of("service:helpdesk", "environment:" + env));
        for (String raw : (tags == null ? "" : tags).split(",")) {
            String tag = raw.strip().toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) {
                continue;
            }
            int colon = tag.indexOf(':');
            if (colon <= 0 || colon == tag.length() - 1 || !TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("tag '" + raw.strip() + "' is not key:value with a key starting "
                        + "with a letter (letters, digits, _ - . / :, at most 200 characters)");
            }
            if (RESERVED_KEYS.contains(tag.substring(0, colon))) {
                throw new IllegalArgumentException("tag '" + raw.strip() + "': the connector sets "
                        + tag.substring(0, colon) + ": itself");
            }
            if (!out.contains(tag)) {
                out.add(tag);
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param stats the hub's figures
     * @param baseTags from {@link #baseTags}
     * @return the series of one report, totals first, then each priority from low to urgent
     */
    static List<Point> points(TicketStats stats, List<String> baseTags) {
        List<Point> out = new ArrayList<>();
        add(out, stats.total(), baseTags, ALL_PRIORITIES);
        for (Priority p : Priority.values()) {
            TicketStats.Figures f = stats.byPriority().get(p);
            if (f != null) {
                add(out, f, baseTags, p.wireName());
            }
        }
        return List.copyOf(out);
    }

    private static void add(List<Point> out, TicketStats.Figures f, List<String> baseTags, String priority) {
        List<String> tags = new ArrayList<>(baseTags);
        tags.add("priority:" + priority);
        List<String> t = Collections.unmodifiableList(tags);
        out.add(new Point(OPEN, Long.valueOf(f.open()), t));
        out.add(new Point(OVERDUE, Long.valueOf(f.overdue()), t));
        out.add(new Point(SLA_BREACHED, Long.valueOf(f.slaBreached()), t));
        if (f.averageResolution() != null) {
            out.add(new Point(RESOLUTION_AVERAGE, Double.valueOf(minutes(f.averageResolution())), t));
        }
    }

    /** @return the duration in minutes, to two decimals */
    static double minutes(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /**
     * @param points the series
     * @param epochSeconds the points' timestamp
     * @return the body of {@code POST /api/v2/series}
     */
    static String body(List<Point> points, long epochSeconds) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode series = root.putArray("series");
        for (Point p : points) {
            ObjectNode s = series.addObject();
            s.put("metric", p.metric());
            s.put("type", GAUGE);
            ObjectNode point = s.putArray("points").addObject();
            point.put("timestamp", epochSeconds);
            if (p.value() instanceof Long count) {
                point.put("value", count.longValue());
            } else {
                point.put("value", p.value().doubleValue());
            }
            ArrayNode tags = s.putArray("tags");
            p.tags().forEach(tags::add);
        }
        return root.toString();
    }

    /**
     * @param points the series sent
     * @param epochSeconds their timestamp
     * @return what {@code report_now} answers: the timestamp and each series' metric, value and tags
     */
    static Map<String, Object> summary(List<Point> points, long epochSeconds) {
        List<Object> series = new ArrayList<>();
        for (Point p : points) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("metric", p.metric());
            s.put("value", p.value());
            s.put("tags", p.tags());
            series.add(s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timestamp", epochSeconds);
        out.put("series_count", points.size());
        out.put("series", series);
        return out;
    }
}
