package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;
import static io.faildaily.backend.service.ApiException.forbidden;
import static io.faildaily.backend.service.ApiException.notFound;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.service.Views.UserStats;
import java.time.LocalDateTime;

/** Per-user figures (stats page) and the client-reported courage points. */
public final class UserService {
    /** Bounds a single client-reported award: the endpoint is self-service, so it must not mint fortunes. */
    public static final int MAX_POINTS_PER_CALL = 100;

    private final Jdbc jdbc;
    private final PointsLedger points;
    private final BadgeService badges;

    public UserService(Jdbc jdbc, PointsLedger points, BadgeService badges) {
        this.jdbc = jdbc;
        this.points = points;
        this.badges = badges;
    }

    public UserStats stats(String userId) {
        if (!Ids.isValid(userId)) {
            throw userNotFound();
        }
        return jdbc.read(c -> {
            LocalDateTime joined = Jdbc.queryOne(c, "SELECT created_at FROM users WHERE id = ?",
                    rs -> rs.getObject(1, LocalDateTime.class), userId).orElseThrow(UserService::userNotFound);
            // The figures about the user's fails are the profile's counters (V6); the rest are counts of the
            // user's own rows on an index that starts with user_id.
            return new UserStats(
                    PointsLedger.total(c, userId),
                    0,
                    Jdbc.count(c, "SELECT fails_count FROM profiles WHERE user_id = ?", userId),
                    Jdbc.count(c, "SELECT COUNT(*) FROM user_badges WHERE user_id = ?", userId),
                    Jdbc.count(c, "SELECT COUNT(*) FROM reactions WHERE user_id = ?", userId),
                    Jdbc.count(c, "SELECT reactions_received FROM profiles WHERE user_id = ?", userId),
                    Jdbc.count(c, "SELECT COUNT(*) FROM comments WHERE user_id = ?", userId),
                    joined.toLocalDate().toString());
        });
    }

    public void requireExists(String userId) {
        if (!Ids.isValid(userId) || !jdbc.read(c -> Jdbc.count(c, "SELECT COUNT(*) FROM users WHERE id = ?", userId) > 0)) {
            throw userNotFound();
        }
    }

    public int addCouragePoints(String targetUserId, String callerId, Long amount, String reason, String failId) {
        if (!targetUserId.equals(callerId)) {
            throw forbidden("ACCESS_DENIED", "Vous ne pouvez modifier que vos propres points");
        }
        if (amount == null) {
            throw badRequest("MISSING_POINTS", "Le nombre de points est requis");
        }
        if (amount == 0 || Math.abs(amount) > MAX_POINTS_PER_CALL) {
            throw badRequest("INVALID_POINTS", "Les points doivent être compris entre -100 et 100 (hors 0)");
        }
        if (reason != null && reason.length() > 255) {
            throw badRequest("REASON_TOO_LONG", "La raison ne peut pas dépasser 255 caractères");
        }
        String linkedFail = failId != null && Ids.isValid(failId) ? failId : null;
        int points = amount.intValue();
        jdbc.inTransaction(c -> {
            this.points.add(c, callerId, points, "client", linkedFail, null, reason);
            return null;
        });
        badges.unlockEarned(callerId, BadgeTrigger.POINTS_CHANGED, BadgeService.Context.NONE);
        return points;
    }

    private static ApiException userNotFound() {
        return notFound("USER_NOT_FOUND", "Utilisateur non trouvé");
    }
}
