package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;
import static io.faildaily.backend.service.ApiException.notFound;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.PageByIds;
import io.faildaily.backend.persistence.Times;
import io.faildaily.backend.service.Views.ReactionChange;
import io.faildaily.backend.service.Views.ReactionEntry;
import io.faildaily.backend.service.Views.ReactionList;
import io.faildaily.backend.service.Views.ReactionSummary;
import io.faildaily.backend.service.Views.ReactionUser;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reaction per user and fail. Every change runs in one transaction that first locks the fail row:
 * concurrent reactions to the same fail queue on that lock, so the counters on the fail stay exact and
 * there is no gap-lock deadlock between two first-time reactions.
 */
public final class ReactionService {
    /** The list under GET .../reactions is capped: the feed asks for it once per card. */
    public static final int MAX_LISTED = 100;
    /** The newest reactions of a fail, as a walk of idx_reactions_fail_page (see persistence/PageByIds). */
    private static final String LIST_IDS_SQL = "SELECT r.id FROM reactions r FORCE INDEX (idx_reactions_fail_page) "
            + "WHERE r.fail_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT " + MAX_LISTED;
    private static final String LIST_ROWS_SQL = "SELECT STRAIGHT_JOIN r.id, r.reaction_type, r.created_at, r.user_id, "
            + "p.display_name, p.avatar_url FROM reactions r FORCE INDEX (PRIMARY) "
            + "JOIN profiles p FORCE INDEX (PRIMARY) ON p.user_id = r.user_id WHERE r.id IN";

    private final Jdbc jdbc;
    private final PointsLedger points;
    private final BadgeService badges;
    private final AppSettings settings;
    private final Clock clock;

    public ReactionService(Jdbc jdbc, PointsLedger points, BadgeService badges, AppSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.points = points;
        this.badges = badges;
        this.settings = settings;
        this.clock = clock;
    }

    public static ReactionType parseType(String value) {
        return ReactionType.parse(value).orElseThrow(() ->
                badRequest("INVALID_REACTION_TYPE", "Type de réaction invalide (courage, empathy, laugh, support)"));
    }

    /** Adds the reaction; the same type again removes it; another type replaces it. */
    public ReactionChange toggle(String failId, String userId, ReactionType type) {
        record Outcome(String action, String author) {}
        Outcome outcome = jdbc.inTransaction(c -> {
            String author = FailService.lockFail(c, failId);
            Optional<ReactionType> existing = current(c, failId, userId);
            LocalDateTime now = Times.now(clock);
            if (existing.isEmpty()) {
                Jdbc.update(c, "INSERT INTO reactions (id, fail_id, user_id, reaction_type, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", Ids.newId(), failId, userId, type.wireName(), now, now);
                bump(c, failId, author, userId, type, +1);
                rewardAuthor(c, author, userId, failId, type, +1);
                return new Outcome("added", author);
            }
            if (existing.get() == type) {
                Jdbc.update(c, "DELETE FROM reactions WHERE fail_id = ? AND user_id = ?", failId, userId);
                bump(c, failId, author, userId, type, -1);
                rewardAuthor(c, author, userId, failId, type, -1);
                return new Outcome("removed", author);
            }
            ReactionType old = existing.get();
            Jdbc.update(c, "UPDATE reactions SET reaction_type = ?, updated_at = ? WHERE fail_id = ? AND user_id = ?",
                    type.wireName(), now, failId, userId);
            bump(c, failId, author, userId, old, -1);
            bump(c, failId, author, userId, type, +1);
            rewardAuthor(c, author, userId, failId, old, -1);
            rewardAuthor(c, author, userId, failId, type, +1);
            return new Outcome("updated", author);
        });
        if (!"removed".equals(outcome.action())) {
            badges.unlockEarned(userId, BadgeTrigger.REACTION_GIVEN, BadgeService.Context.NONE);
            badges.unlockEarned(outcome.author(), BadgeTrigger.REACTION_RECEIVED,
                    BadgeService.Context.reactionOn(failId, userId));
        }
        return new ReactionChange(outcome.action(), "removed".equals(outcome.action()) ? null : type.wireName(),
                summary(failId, userId));
    }

    /** Removes the caller's reaction (only if it is of {@code onlyType}, when given); 404 if there is none. */
    public ReactionChange remove(String failId, String userId, ReactionType onlyType) {
        jdbc.inTransaction(c -> {
            String author = FailService.lockFail(c, failId);
            Optional<ReactionType> existing = current(c, failId, userId);
            if (existing.isEmpty() || (onlyType != null && existing.get() != onlyType)) {
                throw notFound("NO_REACTION_FOUND", "Aucune réaction trouvée à supprimer");
            }
            Jdbc.update(c, "DELETE FROM reactions WHERE fail_id = ? AND user_id = ?", failId, userId);
            bump(c, failId, author, userId, existing.get(), -1);
            rewardAuthor(c, author, userId, failId, existing.get(), -1);
            return null;
        });
        return new ReactionChange("removed", null, summary(failId, userId));
    }

    public ReactionList list(String failId, String viewerId) {
        return jdbc.read(c -> {
            Map<String, Integer> counts = counts(c, failId);
            List<String> ids = PageByIds.ids(c, LIST_IDS_SQL, failId);
            List<ReactionEntry> entries = PageByIds.rows(c, ids, LIST_ROWS_SQL, ReactionEntry::id,
                    rs -> new ReactionEntry(rs.getString(1), rs.getString(2),
                            new ReactionUser(rs.getString(4), rs.getString(5), rs.getString(6)),
                            Times.iso(rs.getObject(3, LocalDateTime.class))));
            String mine = viewerId == null ? null : current(c, failId, viewerId).map(ReactionType::wireName).orElse(null);
            return new ReactionList(entries, counts, total(counts), mine);
        });
    }

    private ReactionSummary summary(String failId, String userId) {
        return jdbc.read(c -> {
            Map<String, Integer> counts = counts(c, failId);
            String mine = current(c, failId, userId).map(ReactionType::wireName).orElse(null);
            return new ReactionSummary(counts, total(counts), mine);
        });
    }

    /** The four counters of the fail (404 when it does not exist or is hidden). */
    private static Map<String, Integer> counts(Connection c, String failId) throws SQLException {
        if (!Ids.isValid(failId)) {
            throw FailService.failNotFound();
        }
        return Jdbc.queryOne(c, "SELECT courage_count, empathy_count, laugh_count, support_count FROM fails "
                + "WHERE id = ? AND (moderation_status IS NULL OR moderation_status NOT IN ('hidden','rejected'))",
                rs -> {
                    Map<String, Integer> m = new LinkedHashMap<>();
                    m.put("courage", rs.getInt(1));
                    m.put("empathy", rs.getInt(2));
                    m.put("laugh", rs.getInt(3));
                    m.put("support", rs.getInt(4));
                    return m;
                }, failId).orElseThrow(FailService::failNotFound);
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Optional<ReactionType> current(Connection c, String failId, String userId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT reaction_type FROM reactions WHERE fail_id = ? AND user_id = ?",
                rs -> ReactionType.parse(rs.getString(1)).orElse(null), failId, userId);
    }

    /** The fail's counter of {@code type}, and its author's sums of them (V6, V9), by {@code delta}. */
    private static void bump(Connection c, String failId, String author, String reactor, ReactionType type,
                             int delta) throws SQLException {
        // The column name comes from the enum (a closed set), the values are bound.
        Jdbc.update(c, "UPDATE fails SET " + type.counterColumn() + " = GREATEST(" + type.counterColumn()
                + " + ?, 0) WHERE id = ?", delta, failId);
        int courage = type == ReactionType.COURAGE ? delta : 0;
        int laughs = type == ReactionType.LAUGH ? delta : 0;
        int fromOthers = author.equals(reactor) ? 0 : delta;
        Jdbc.update(c, "UPDATE profiles SET reactions_received = GREATEST(reactions_received + ?, 0), "
                + "courage_received = GREATEST(courage_received + ?, 0), "
                + "laughs_received = GREATEST(laughs_received + ?, 0), "
                + "reactions_from_others = GREATEST(reactions_from_others + ?, 0) WHERE user_id = ?",
                delta, courage, laughs, fromOthers, author);
    }

    private void rewardAuthor(Connection c, String author, String reactor, String failId, ReactionType type,
                              int sign) throws SQLException {
        if (author.equals(reactor)) {
            return; // never points for reacting to one's own fail
        }
        points.add(c, author, sign * settings.points(c).forReaction(type), sign > 0 ? "reaction_received" : "reaction_removed",
                failId, type.wireName(), null);
    }
}
