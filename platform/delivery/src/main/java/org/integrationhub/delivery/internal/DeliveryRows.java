package org.integrationhub.delivery.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryStatus;

/** Maps delivery and attempt rows to their records. */
final class DeliveryRows {

    private DeliveryRows() {
    }

    static List<Delivery> deliveries(PreparedStatement ps) throws SQLException {
        List<Delivery> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new Delivery(rs.getString("id"), rs.getString("kind"), rs.getString("subscriber_id"),
                        rs.getString("event_id"), rs.getString("event_type"), rs.getLong("event_seq"),
                        rs.getString("ticket_id"), DeliveryStatus.valueOf(rs.getString("status")),
                        rs.getInt("attempts"), Sql.getInstant(rs, "next_attempt_at"),
                        Sql.getInstant(rs, "last_attempt_at"), Sql.getInteger(rs, "last_status_code"),
                        rs.getString("last_error"), Sql.getInstant(rs, "created_at"),
                        Sql.getInstant(rs, "completed_at")));
            }
        }
        return result;
    }

    static List<DeliveryAttempt> attempts(PreparedStatement ps) throws SQLException {
        List<DeliveryAttempt> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new DeliveryAttempt(rs.getString("id"), rs.getString("delivery_id"), rs.getInt("attempt"),
                        Sql.getInstant(rs, "attempted_at"), DeliveryOutcome.Result.valueOf(rs.getString("result")),
                        Sql.getInteger(rs, "status_code"), Sql.getLong(rs, "duration_ms"), rs.getString("error"),
                        rs.getString("response_excerpt"), Sql.getInstant(rs, "next_attempt_at")));
            }
        }
        return result;
    }
}
