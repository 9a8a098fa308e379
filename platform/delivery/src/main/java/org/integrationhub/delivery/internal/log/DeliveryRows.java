package org.integrationhub.delivery.internal.log;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.persistence.Jdbc;

/** Maps delivery and attempt rows to their records. */
public final class DeliveryRows {

    private DeliveryRows() {
    }

    static List<Delivery> deliveries(PreparedStatement ps) throws SQLException {
        List<Delivery> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new Delivery(rs.getString("id"), rs.getString("kind"), rs.getString("subscriber_id"),
                        rs.getString("event_id"), rs.getString("event_type"), rs.getLong("event_seq"),
                        rs.getString("ticket_id"), DeliveryStatus.valueOf(rs.getString("status")),
                        rs.getInt("attempts"), Jdbc.getInstant(rs, "next_attempt_at"),
                        Jdbc.getInstant(rs, "last_attempt_at"), Jdbc.getInteger(rs, "last_status_code"),
                        rs.getString("last_error"), Jdbc.getInstant(rs, "created_at"),
                        Jdbc.getInstant(rs, "completed_at")));
            }
        }
        return result;
    }

    static List<DeliveryAttempt> attempts(PreparedStatement ps) throws SQLException {
        List<DeliveryAttempt> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new DeliveryAttempt(rs.getString("id"), rs.getString("delivery_id"), rs.getInt("attempt"),
                        Jdbc.getInstant(rs, "attempted_at"), DeliveryOutcome.Result.valueOf(rs.getString("result")),
                        Jdbc.getInteger(rs, "status_code"), Jdbc.getLong(rs, "duration_ms"), rs.getString("error"),
                        rs.getString("response_excerpt"), Jdbc.getInstant(rs, "next_attempt_at")));
            }
        }
        return result;
    }
}
