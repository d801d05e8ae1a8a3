package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;
import static io.faildaily.backend.service.ApiException.notFound;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.PageByIds;
import io.faildaily.backend.persistence.Times;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The moderation of fails and comments (the original's model, spec §7): reports by members, hiding at the
 * configured number of distinct reporters, and the staff's queue and decisions. A status is one of none (NULL),
 * under_review, hidden, approved, rejected. A comment is listed when its status is none or approved, and its fail's
 * comment counter counts exactly the listed ones: every change of status moves the counter in the same transaction,
 * under the fail's row lock (the lock every comment change takes first). An approval sticks: later reports do not
 * hide an approved item again (the original hid it whatever its status; a moderator's decision wins here).
 */
public final class ModerationService {
    public static final Set<String> STATUSES = Set.of("approved", "hidden", "under_review", "rejected");
    /** The queue pages: the original listed every reported item; 500 fails and 1,000 comments by status. */
    public static final int MAX_FAILS_LISTED = 500;
    public static final int MAX_COMMENTS_LISTED = 1000;

    private static final String FAIL_ROWS = "SELECT STRAIGHT_JOIN f.id, f.reports_count, f.title, f.description, "
            + "f.category, f.user_id, f.created_at, p.display_name, p.avatar_url, f.moderation_status "
            + "FROM fails f FORCE INDEX (PRIMARY) JOIN profiles p FORCE INDEX (PRIMARY) ON p.user_id = f.user_id "
            + "WHERE f.id IN";
    private static final String COMMENT_ROWS = "SELECT STRAIGHT_JOIN c.id, c.reports_count, c.fail_id, c.user_id, "
            + "c.content, c.created_at, p.display_name, p.avatar_url, c.moderation_status "
            + "FROM comments c FORCE INDEX (PRIMARY) JOIN profiles p FORCE INDEX (PRIMARY) ON p.user_id = c.user_id "
            + "WHERE c.id IN";
    /* The queue: a backward walk of (reports_count, created_at, id, moderation_status); approved items skipped. */
    private static final String REPORTED_FAIL_IDS = "SELECT f.id FROM fails f FORCE INDEX (idx_fails_reported) "
            + "WHERE f.reports_count >= ? AND (f.moderation_status IS NULL OR f.moderation_status <> 'approved') "
            + "ORDER BY f.reports_count DESC, f.created_at DESC, f.id DESC LIMIT ? OFFSET ?";
    private static final String REPORTED_COMMENT_IDS = "SELECT c.id FROM comments c FORCE INDEX (idx_comments_reported) "
            + "WHERE c.reports_count >= ? AND (c.moderation_status IS NULL OR c.moderation_status <> 'approved') "
            + "ORDER BY c.reports_count DESC, c.created_at DESC, c.id DESC LIMIT ? OFFSET ?";
    private static final String FAIL_IDS_BY_STATUS = "SELECT f.id FROM fails f FORCE INDEX (idx_fails_moderation) "
            + "WHERE f.moderation_status = ? ORDER BY f.created_at DESC, f.id DESC LIMIT " + MAX_FAILS_LISTED;
    private static final String COMMENT_IDS_BY_STATUS = "SELECT c.id FROM comments c FORCE INDEX "
            + "(idx_comments_moderation) WHERE c.moderation_status = ? ORDER BY c.created_at DESC, c.id DESC LIMIT "
            + MAX_COMMENTS_LISTED;

    private final Jdbc jdbc;
    private final AppSettings settings;
    private final Clock clock;

    public ModerationService(Jdbc jdbc, AppSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public record CommentReport(long reports) {}

    /** E7: one report per member and comment; at the threshold a comment not approved is hidden. */
    public CommentReport reportComment(String commentId, String userId, String reason) {
        validReason(reason);
        return jdbc.inTransaction(c -> {
            Comment comment = lockComment(c, commentId);
            int added = Jdbc.update(c, "INSERT IGNORE INTO comment_reports (id, comment_id, user_id, reason, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", Ids.newId(), commentId, userId, reason, Times.now(clock));
            Jdbc.update(c, "UPDATE comments SET reports_count = reports_count + ? WHERE id = ?", added, commentId);
            long reports = comment.reports() + added;
            String status = comment.status();
            if (reports >= settings.moderation(c).commentReportThreshold()
                    && (status == null || "under_review".equals(status))) {
                setCommentStatus(c, comment, "hidden");
            }
            return new CommentReport(reports);
        });
    }

    public Map<String, Object> config() {
        return settings.moderation().asConfig();
    }

    /** E19. */
    public Map<String, Object> updateConfig(Map<String, Object> changes) {
        return jdbc.inTransaction(c -> {
            ModerationSettings next = settings.moderation(c).with(changes);
            settings.write(c, AppSettings.MODERATION, next.asConfig());
            return next.asConfig();
        });
    }

    /** E20: fails with at least {@code threshold} reports and not approved, most reported first. */
    public List<Map<String, Object>> reportedFails(Integer threshold, Integer limit, Integer offset) {
        PageRequest at = PageRequest.of(limit, null, offset, MAX_FAILS_LISTED, MAX_FAILS_LISTED);
        return jdbc.read(c -> PageByIds.rows(c, PageByIds.ids(c, REPORTED_FAIL_IDS, atLeastOne(threshold),
                at.limit(), at.offset()), FAIL_ROWS, m -> (String) m.get("fail_id"), ModerationService::failItem));
    }

    /** E21. */
    public List<Map<String, Object>> reportedComments(Integer threshold, Integer limit, Integer offset) {
        PageRequest at = PageRequest.of(limit, null, offset, MAX_COMMENTS_LISTED, MAX_COMMENTS_LISTED);
        return jdbc.read(c -> PageByIds.rows(c, PageByIds.ids(c, REPORTED_COMMENT_IDS, atLeastOne(threshold),
                at.limit(), at.offset()), COMMENT_ROWS, m -> (String) m.get("comment_id"), ModerationService::commentItem));
    }

    /** E22: the newest 500 fails approved, or hidden. */
    public List<Map<String, Object>> failsByStatus(String status) {
        String s = listedStatus(status);
        return jdbc.read(c -> PageByIds.rows(c, PageByIds.ids(c, FAIL_IDS_BY_STATUS, s), FAIL_ROWS,
                m -> (String) m.get("fail_id"), ModerationService::failItem));
    }

    /** E23. */
    public List<Map<String, Object>> commentsByStatus(String status) {
        String s = listedStatus(status);
        return jdbc.read(c -> PageByIds.rows(c, PageByIds.ids(c, COMMENT_IDS_BY_STATUS, s), COMMENT_ROWS,
                m -> (String) m.get("comment_id"), ModerationService::commentItem));
    }

    /** E24. */
    public String setFailStatus(String failId, String status) {
        String s = decidedStatus(status);
        jdbc.inTransaction(c -> {
            lockAnyFail(c, failId);
            Jdbc.update(c, "UPDATE fails SET moderation_status = ? WHERE id = ?", s, failId);
            return null;
        });
        return s;
    }

    /** E25. */
    public String setCommentStatus(String commentId, String status) {
        String s = decidedStatus(status);
        jdbc.inTransaction(c -> {
            setCommentStatus(c, lockComment(c, commentId), s);
            return null;
        });
        return s;
    }

    /**
     * E26: hide, approve, under_review, or delete. A fail deleted by a moderator goes with its reactions,
     * comments and reports, and leaves its author's counters right; points are not taken back (moderation never
     * changes points, as in the original). Unlike the original, hiding does not also make the fail anonymous.
     */
    public String moderateFail(String failId, String action) {
        String a = action(action, Set.of("hide", "approve", "under_review", "delete"));
        jdbc.inTransaction(c -> {
            lockAnyFail(c, failId);
            switch (a) {
                case "hide" -> Jdbc.update(c, "UPDATE fails SET moderation_status = 'hidden' WHERE id = ?", failId);
                case "approve" -> Jdbc.update(c, "UPDATE fails SET moderation_status = 'approved' WHERE id = ?", failId);
                case "under_review" -> Jdbc.update(c, "UPDATE fails SET moderation_status = 'under_review' WHERE id = ?",
                        failId);
                default -> {
                    FailService.takeOffAuthorCounters(c, failId);
                    Jdbc.update(c, "DELETE FROM fails WHERE id = ?", failId);
                }
            }
            return null;
        });
        return a;
    }

    /** E27: hide, approve, or delete (the fail's counter follows; points stay, as the original). */
    public String moderateComment(String commentId, String action) {
        String a = action(action, Set.of("hide", "approve", "delete"));
        jdbc.inTransaction(c -> {
            Comment comment = lockComment(c, commentId);
            switch (a) {
                case "hide" -> setCommentStatus(c, comment, "hidden");
                case "approve" -> setCommentStatus(c, comment, "approved");
                default -> {
                    if (listed(comment.status())) {
                        Jdbc.update(c, "UPDATE fails SET comments_count = GREATEST(comments_count - 1, 0) WHERE id = ?",
                                comment.failId());
                    }
                    Jdbc.update(c, "DELETE FROM comments WHERE id = ?", commentId);
                }
            }
            return null;
        });
        return a;
    }

    private record Comment(String id, String failId, String status, long reports) {}

    /** The comment and its fail, locked fail first (the order every comment change uses); 404 if it does not exist. */
    private static Comment lockComment(Connection c, String commentId) throws SQLException {
        if (commentId == null || commentId.length() < 10) {
            throw badRequest("INVALID_ID", "Identifiant de commentaire invalide");
        }
        if (!Ids.isValid(commentId)) {
            throw commentNotFound();
        }
        String failId = Jdbc.queryOne(c, "SELECT fail_id FROM comments WHERE id = ?", rs -> rs.getString(1), commentId)
                .orElseThrow(ModerationService::commentNotFound);
        Jdbc.queryOne(c, "SELECT id FROM fails WHERE id = ? FOR UPDATE", rs -> rs.getString(1), failId);
        return Jdbc.queryOne(c, "SELECT id, fail_id, moderation_status, reports_count FROM comments WHERE id = ? "
                + "FOR UPDATE", rs -> new Comment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                commentId).orElseThrow(ModerationService::commentNotFound);
    }

    private static void lockAnyFail(Connection c, String failId) throws SQLException {
        if (!Ids.isValid(failId) || Jdbc.queryOne(c, "SELECT id FROM fails WHERE id = ? FOR UPDATE",
                rs -> rs.getString(1), failId).isEmpty()) {
            throw FailService.failNotFound();
        }
    }

    private static void setCommentStatus(Connection c, Comment comment, String status) throws SQLException {
        Jdbc.update(c, "UPDATE comments SET moderation_status = ? WHERE id = ?", status, comment.id());
        int delta = (listed(status) ? 1 : 0) - (listed(comment.status()) ? 1 : 0);
        if (delta != 0) {
            Jdbc.update(c, "UPDATE fails SET comments_count = GREATEST(comments_count + ?, 0) WHERE id = ?", delta,
                    comment.failId());
        }
    }

    /** What a fail's comment page lists (CommentService.LISTED). */
    static boolean listed(String status) {
        return status == null || "approved".equals(status);
    }

    private static Map<String, Object> failItem(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fail_id", rs.getString(1));
        m.put("reports", rs.getLong(2));
        m.put("title", rs.getString(3));
        m.put("description", rs.getString(4));
        m.put("category", rs.getString(5));
        m.put("user_id", rs.getString(6));
        m.put("created_at", Times.iso(rs.getObject(7, LocalDateTime.class)));
        m.put("display_name", rs.getString(8));
        m.put("avatar_url", rs.getString(9));
        m.put("moderation_status", rs.getString(10));
        return m;
    }

    private static Map<String, Object> commentItem(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("comment_id", rs.getString(1));
        m.put("reports", rs.getLong(2));
        m.put("fail_id", rs.getString(3));
        m.put("user_id", rs.getString(4));
        m.put("content", rs.getString(5));
        m.put("created_at", Times.iso(rs.getObject(6, LocalDateTime.class)));
        m.put("display_name", rs.getString(7));
        m.put("avatar_url", rs.getString(8));
        m.put("moderation_status", rs.getString(9));
        return m;
    }

    private static int atLeastOne(Integer threshold) {
        return threshold == null || threshold < 1 ? 1 : threshold;
    }

    private static String listedStatus(String status) {
        String s = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("approved") && !s.equals("hidden")) {
            throw badRequest("INVALID_STATUS", "Statut invalide (approved ou hidden)");
        }
        return s;
    }

    private static String decidedStatus(String status) {
        String s = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(s)) {
            throw badRequest("INVALID_STATUS", "Statut invalide (approved, hidden, under_review, rejected)");
        }
        return s;
    }

    private static String action(String action, Set<String> allowed) {
        if (action == null || action.isBlank()) {
            throw badRequest("MISSING_ACTION", "Action requise");
        }
        String a = action.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(a)) {
            throw badRequest("INVALID_ACTION", "Action invalide (" + String.join(", ", allowed.stream().sorted().toList())
                    + ")");
        }
        return a;
    }

    static void validReason(String reason) {
        if (reason != null && reason.length() > 1000) {
            throw badRequest("REASON_TOO_LONG", "La raison ne peut pas dépasser 1000 caractères");
        }
    }

    private static ApiException commentNotFound() {
        return notFound("COMMENT_NOT_FOUND", "Commentaire non trouvé");
    }
}
