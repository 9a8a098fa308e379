package org.integrationhub.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Person;
import org.integrationhub.api.Rating;
import org.integrationhub.persistence.Jdbc;

/** JDBC access to {@code ticket_comment} and {@code ticket_rating}. */
final class CommentRepository {

    void insert(Connection c, Comment comment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_comment (id, ticket_id, author_name, "
                + "author_email, body, internal, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, comment.id());
            ps.setString(2, comment.ticketId());
            ps.setString(3, comment.author().name());
            ps.setString(4, comment.author().email());
            ps.setString(5, comment.body());
            ps.setBoolean(6, comment.internal());
            Jdbc.setInstant(ps, 7, comment.createdAt());
            ps.executeUpdate();
        }
    }

    /** @return the ticket's comments, oldest first (ULIDs sort by creation) */
    List<Comment> comments(Connection c, String ticketId) throws SQLException {
        List<Comment> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, ticket_id, author_name, author_email, body, "
                + "internal, created_at FROM ticket_comment WHERE ticket_id = ? ORDER BY id")) {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Comment(rs.getString("id"), rs.getString("ticket_id"),
                            new Person(rs.getString("author_email"), rs.getString("author_name")),
                            rs.getString("body"), rs.getBoolean("internal"), Jdbc.getInstant(rs, "created_at")));
                }
            }
        }
        return result;
    }

    /** Stores {@code rating} as the ticket's only rating, replacing an earlier one. */
    void replaceRating(Connection c, Rating rating) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ticket_rating WHERE ticket_id = ?")) {
            ps.setString(1, rating.ticketId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ticket_rating (id, ticket_id, score, comment, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, rating.id());
            ps.setString(2, rating.ticketId());
            ps.setInt(3, rating.score());
            ps.setString(4, rating.comment());
            Jdbc.setInstant(ps, 5, rating.createdAt());
            ps.executeUpdate();
        }
    }

    /** @return the number of ratings stored for the ticket (0 or 1) */
    int ratingCount(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ticket_rating WHERE ticket_id = ?")) {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
