package org.integrationhub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketStats;
import org.integrationhub.api.TicketStats.Figures;
import org.junit.jupiter.api.Test;

class TicketStatsCommandTest {

    @Test
    void oneRowPerPriorityAndATotal() {
        Figures none = new Figures(0, 0, 0, 0, null);
        TicketStats stats = new TicketStats(Instant.parse("2026-12-05T18:00:00Z"), Duration.ofMinutes(60),
                new Figures(12, 3, 5, 7, Duration.ofMinutes(95)),
                Map.of(Priority.LOW, new Figures(10, 2, 2, 0, null), Priority.NORMAL, none,
                        Priority.HIGH, new Figures(2, 1, 3, 4, Duration.ofSeconds(90)),
                        Priority.URGENT, new Figures(0, 0, 0, 3, Duration.ofMinutes(125))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TicketStatsCommand.print(stats, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");

        assertThat(lines[0]).isEqualTo("Ticket metrics at 2026-12-05T18:00:00Z");
        assertThat(lines[1]).contains("Priority", "Open", "Overdue", "SLA breached", "Resolved (60 min)",
                "Avg resolution");
        assertThat(cells(lines[3])).containsExactly("low", "10", "2", "2", "0", "-");
        assertThat(cells(lines[4])).containsExactly("normal", "0", "0", "0", "0", "-");
        assertThat(cells(lines[5])).containsExactly("high", "2", "1", "3", "4", "1.5 min");
        assertThat(cells(lines[6])).containsExactly("urgent", "0", "0", "0", "3", "2 h 05 min");
        assertThat(cells(lines[7])).containsExactly("total", "12", "3", "5", "7", "1 h 35 min");
        assertThat(lines[8]).startsWith("Open: open or pending.");
    }

    @Test
    void durations() {
        assertThat(TicketStatsCommand.duration(null)).isEqualTo("-");
        assertThat(TicketStatsCommand.duration(Duration.ofMillis(1_501))).isEqualTo("0.0 min");
        assertThat(TicketStatsCommand.duration(Duration.ofSeconds(3_570))).isEqualTo("59.5 min");
        assertThat(TicketStatsCommand.duration(Duration.ofHours(26).plusMinutes(3))).isEqualTo("26 h 03 min");
    }

    private static String[] cells(String line) {
        return java.util.Arrays.stream(line.split("[|│]")).map(String::strip).toArray(String[]::new);
    }
}
