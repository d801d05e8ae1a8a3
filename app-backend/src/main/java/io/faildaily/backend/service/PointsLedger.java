package io.faildaily.backend.service;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Courage points: a running total per user plus one event row per change, written on the caller's
 * connection so points move in the same transaction as the action that earned them.
 */
public final class PointsLedger {

    private final Clock clock;

    public PointsLedger(Clock clock) {
        this.clock = clock;
    }

    public void add(Connection c, String userId, int amount, String source, String failId, String reactionType,
                    String reason) throws SQLException {
        if (amount == 0) {
            return;
        }
        var now = Times.now(clock);
        Jdbc.update(c, "INSERT INTO user_points (user_id, points_total, created_at, updated_at) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE points_total = points_total + ?, updated_at = ?",
                userId, amount, now, now, amount, now);
        Jdbc.update(c, "INSERT INTO user_point_events (id, user_id, amount, source, fail_id, reaction_type, reason, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Ids.newId(), userId, amount, source, failId, reactionType, reason, now);
    }

    public static long total(Connection c, String userId) throws SQLException {
        return Jdbc.count(c, "SELECT points_total FROM user_points WHERE user_id = ?", userId);
    }
}
