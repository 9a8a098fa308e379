package org.integrationhub.delivery.internal.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.internal.shared.Completion;
import org.integrationhub.delivery.internal.shared.Sql;

/**
 * The line format of {@code delivery_journal.records}: one line per delivery, tab-separated — delivery id, event id,
 * event sequence, event type, ticket id, created / attempted / completed times (epoch microseconds), status code,
 * duration (ms), response excerpt ({@code =} then the text with backslash, tab, newline and carriage return escaped;
 * empty: none).
 */
final class JournalLines {

    private JournalLines() {
    }

    /** Appends the line of one delivered rowless delivery. */
    static void append(StringBuilder records, Completion x) {
        DeliveryRequest r = x.claimed().request();
        DeliveryOutcome o = x.outcome();
        records.append(r.deliveryId()).append('\t').append(r.messageId()).append('\t').append(r.sequence())
                .append('\t').append(r.eventType().wireName()).append('\t').append(r.ticketId()).append('\t')
                .append(micros(x.claimed().createdAt())).append('\t').append(micros(x.claimed().startedAt()))
                .append('\t').append(micros(x.at())).append('\t')
                .append(o.statusCode() == null ? "" : o.statusCode().toString()).append('\t')
                .append(o.duration() == null ? "" : Long.toString(o.duration().toMillis())).append('\t');
        escape(records, Sql.cut(o.responseExcerpt(), Sql.EXCERPT_MAX));
        records.append('\n');
    }

    /** @return the entries of one journal row's {@code records}, in line order */
    static List<Journal.Entry> parse(String kind, String subscriberId, String records) {
        List<Journal.Entry> entries = new ArrayList<>();
        int start = 0;
        while (start < records.length()) {
            int end = records.indexOf('\n', start);
            if (end < 0) {
                end = records.length();
            }
            String[] f = records.substring(start, end).split("\t", -1);
            entries.add(new Journal.Entry(kind, subscriberId, f[0], f[1], Long.parseLong(f[2]), f[3], f[4],
                    instant(f[5]),
                    instant(f[6]), instant(f[7]), f[8].isEmpty() ? null : Integer.valueOf(f[8]),
                    f[9].isEmpty() ? null : Long.valueOf(f[9]), unescape(f[10])));
            start = end + 1;
        }
        return entries;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static Instant instant(String micros) {
        long v = Long.parseLong(micros);
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1_000L);
    }

    /** Writes {@code s} with backslash, tab, newline and carriage return escaped; null as nothing. */
    private static void escape(StringBuilder out, String s) {
        if (s == null) {
            return;
        }
        out.append('=');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private static String unescape(String s) {
        if (s.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
