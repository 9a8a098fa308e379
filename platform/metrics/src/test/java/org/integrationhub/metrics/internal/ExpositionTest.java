package org.integrationhub.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exposition's families and values, and that it parses: a strict line grammar here, and promtool's parser. */
class ExpositionTest {

    private static String scrape(MetricsRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        registry.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ticketGaugesTotalsAndByPriority() throws Exception {
        String text = scrape(MetricsEndpointTest.registry());
        assertThat(text).contains("# TYPE hub_tickets_open gauge\n", "hub_tickets_open 7.0\n",
                "hub_tickets_overdue 3.0\n", "hub_tickets_sla_breached 4.0\n", "hub_tickets_resolved_window 2.0\n",
                "hub_tickets_resolution_average_seconds 5400.0\n",
                "hub_tickets_open_by_priority{priority=\"urgent\"} 2.0\n",
                "hub_tickets_open_by_priority{priority=\"normal\"} 5.0\n",
                "hub_tickets_open_by_priority{priority=\"low\"} 0.0\n",
                "hub_tickets_resolution_average_seconds_by_priority{priority=\"urgent\"} 5400.0\n");
        // no resolution in the window for normal tickets: no average rather than a made-up 0
        assertThat(text).doesNotContain("hub_tickets_resolution_average_seconds_by_priority{priority=\"normal\"}");
    }

    @Test
    void deliveriesByKindWithTheShippedKindsAlwaysPresent() throws Exception {
        String text = scrape(MetricsEndpointTest.registry());
        assertThat(text).contains("# TYPE hub_delivery_outcomes_total counter\n",
                "hub_delivery_outcomes_total{kind=\"webhook\",outcome=\"delivered\"} 10.0\n",
                "hub_delivery_outcomes_total{kind=\"webhook\",outcome=\"retry\"} 2.0\n",
                "hub_delivery_outcomes_total{kind=\"webhook\",outcome=\"failed\"} 0.0\n",
                "hub_delivery_outcomes_total{kind=\"integration\",outcome=\"delivered\"} 0.0\n",
                "hub_delivery_queue_depth{kind=\"webhook\"} 4.0\n",
                "hub_delivery_queue_depth{kind=\"integration\"} 0.0\n",
                "hub_delivery_oldest_pending_age_seconds{kind=\"webhook\"} 30.0\n",
                "hub_metrics_source_up{source=\"deliveries\"} 1.0\n");
    }

    @Test
    void connectorCallsCumulativeHistogramCircuitAndStatus() throws Exception {
        String text = scrape(MetricsEndpointTest.registry());
        assertThat(text).contains("hub_connector_calls_total{connector=\"jira-eng\",outcome=\"success\"} 4.0\n",
                "hub_connector_calls_total{connector=\"jira-eng\",outcome=\"communication\"} 1.0\n",
                "# TYPE hub_connector_call_duration_seconds histogram\n",
                "hub_connector_call_duration_seconds_bucket{connector=\"jira-eng\",le=\"0.002\"} 0\n",
                "hub_connector_call_duration_seconds_bucket{connector=\"jira-eng\",le=\"0.005\"} 3\n",
                "hub_connector_call_duration_seconds_bucket{connector=\"jira-eng\",le=\"0.05\"} 3\n",
                "hub_connector_call_duration_seconds_bucket{connector=\"jira-eng\",le=\"0.1\"} 4\n",
                "hub_connector_call_duration_seconds_bucket{connector=\"jira-eng\",le=\"+Inf\"} 4\n",
                "hub_connector_call_duration_seconds_count{connector=\"jira-eng\"} 4\n",
                "hub_connector_call_duration_seconds_sum{connector=\"jira-eng\"} 0.0725\n",
                "hub_connector_circuit_state{connector=\"jira-eng\",state=\"open\"} 1.0\n",
                "hub_connector_circuit_state{connector=\"jira-eng\",state=\"closed\"} 0.0\n",
                "hub_connector_status{connector=\"jira-eng\",status=\"degraded\",type=\"jira\"} 1.0\n",
                "hub_connector_in_flight{connector=\"jira-eng\"} 1.0\n",
                "hub_connector_queue_depth{connector=\"jira-eng\"} 6.0\n");
    }

    @Test
    void anAbsentOrFailingSourceIsLeftOutAndReportedDown() throws Exception {
        MetricsRegistry registry = new MetricsRegistry(() -> {
            throw new IllegalStateException("database down");
        }, 0, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
        String text = scrape(registry);
        assertThat(text).contains("hub_metrics_source_up{source=\"tickets\"} 0.0\n",
                "hub_metrics_source_up{source=\"deliveries\"} 0.0\n",
                "hub_metrics_source_up{source=\"connectors\"} 0.0\n", "jvm_threads_current ");
        assertThat(text).doesNotContain("hub_tickets_open").doesNotContain("hub_delivery_queue_depth");
    }

    @Test
    void everyLineFollowsTheTextFormatAndNamesAreUnique() throws Exception {
        String text = scrape(MetricsEndpointTest.registry());
        Pattern help = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");
        Pattern type = Pattern.compile("# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)");
        String label = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\"\\\\n])*\"";
        Pattern sample = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{" + label + "(," + label + ")*\\})? "
                + "(-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|NaN|[+-]Inf)( -?[0-9]+)?");
        List<String> bad = new ArrayList<>();
        Set<String> typed = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                assertThat(typed.add(line.split(" ")[2])).as("declared once: " + line).isTrue();
            }
            boolean ok = line.startsWith("# HELP ") ? help.matcher(line).matches()
                    : line.startsWith("# TYPE ") ? type.matcher(line).matches() : sample.matcher(line).matches();
            if (!ok) {
                bad.add(line);
            }
        }
        assertThat(bad).isEmpty();
        assertThat(typed).allMatch(n -> !n.startsWith("hub_") || n.matches("hub_[a-z0-9_]+"));
        assertThat(typed).filteredOn(n -> n.startsWith("hub_")).hasSizeGreaterThan(20);
    }

    /** promtool (from Debian's prometheus package; .ci/run unpacks it) parses with Prometheus's own text parser. */
    @Test
    void promtoolParsesTheExpositionWithoutProblems(@TempDir Path dir) throws Exception {
        assumeTrue(new File("/usr/bin/promtool").canExecute() || onPath("promtool"),
                "promtool not installed (apt-get install prometheus)");
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, scrape(MetricsEndpointTest.registry()));
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("promtool's findings").isEmpty();
        assertThat(p.exitValue()).isZero();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
