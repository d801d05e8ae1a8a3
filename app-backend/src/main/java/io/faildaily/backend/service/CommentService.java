package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;
import static io.faildaily.backend.service.ApiException.forbidden;
import static io.faildaily.backend.service.ApiException.notFound;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.PageByIds;
import io.faildaily.backend.persistence.Times;
import io.faildaily.backend.service.Views.Author;
import io.faildaily.backend.service.Views.CommentPage;
import io.faildaily.backend.service.Views.CommentPagination;
import io.faildaily.backend.service.Views.CommentView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Comments on a fail; the fail's comment counter (the listed comments: see ModerationService) moves in the same
 * transaction as the comment.
 */
public final class CommentService {
    public static final int MAX_CONTENT = 1000;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final String SELECT = "SELECT STRAIGHT_JOIN c.id, c.content, c.fail_id, c.is_encouragement, "
            + "c.created_at, c.updated_at, c.user_id, p.display_name, p.avatar_url, c.moderation_status "
            + "FROM comments c FORCE INDEX (PRIMARY) JOIN profiles p FORCE INDEX (PRIMARY) ON p.user_id = c.user_id ";
    /** As the original: a comment under review, hidden or rejected by moderation is not listed. */
    private static final String LISTED = "(c.moderation_status IS NULL OR c.moderation_status = 'approved')";
    /**
     * A page of a fail's listed comments, oldest first, as a walk of idx_comments_fail_page (see
     * persistence/PageByIds); the index carries moderation_status (V4) so that the filter reads no row.
     */
    private static final String PAGE_IDS_SQL = "SELECT c.id FROM comments c FORCE INDEX (idx_comments_fail_page) "
            + "WHERE c.fail_id = ? AND " + LISTED + " ORDER BY c.created_at ASC, c.id ASC LIMIT ? OFFSET ?";

    private final Jdbc jdbc;
    private final PointsLedger points;
    private final BadgeService badges;
    private final AppSettings settings;
    private final Clock clock;

    public CommentService(Jdbc jdbc, PointsLedger points, BadgeService badges, AppSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.points = points;
        this.badges = badges;
        this.settings = settings;
        this.clock = clock;
    }

    public CommentView add(String failId, String userId, String content, Boolean isEncouragement) {
        String text = validContent(content);
        String id = Ids.newId();
        String failAuthor = jdbc.inTransaction(c -> {
            String author = FailService.lockFail(c, failId);
            LocalDateTime now = Times.now(clock);
            Jdbc.update(c, "INSERT INTO comments (id, fail_id, user_id, content, is_encouragement, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    id, failId, userId, text, isEncouragement == null || isEncouragement ? 1 : 0, now, now);
            Jdbc.update(c, "UPDATE fails SET comments_count = comments_count + 1 WHERE id = ?", failId);
            points.add(c, userId, settings.points(c).commentCreate(), "comment_create", failId, null, null);
            return author;
        });
        badges.unlockEarned(userId, BadgeTrigger.COMMENT_WRITTEN, BadgeService.Context.NONE);
        badges.unlockEarned(failAuthor, BadgeTrigger.COMMENT_RECEIVED, BadgeService.Context.onFail(failId));
        return one(id);
    }

    public CommentPage list(String failId, Integer requestedPage, Integer requestedLimit) {
        PageRequest at = PageRequest.of(requestedLimit, requestedPage, null, DEFAULT_LIMIT, MAX_LIMIT);
        if (!Ids.isValid(failId)) {
            throw FailService.failNotFound();
        }
        return jdbc.read(c -> {
            long total = Jdbc.queryOne(c, "SELECT comments_count FROM fails f WHERE f.id = ? AND "
                    + "(f.moderation_status IS NULL OR f.moderation_status NOT IN ('hidden','rejected'))",
                    rs -> rs.getLong(1), failId).orElseThrow(FailService::failNotFound);
            List<String> ids = PageByIds.ids(c, PAGE_IDS_SQL, failId, at.limit(), at.offset());
            List<CommentView> comments = PageByIds.rows(c, ids, SELECT + "WHERE c.id IN", CommentView::id,
                    CommentService::toView);
            long totalPages = (total + at.limit() - 1) / at.limit();
            return new CommentPage(comments, new CommentPagination(at.page(), at.limit(), total, totalPages,
                    at.page() < totalPages, at.page() > 1));
        });
    }

    public CommentView update(String failId, String commentId, String userId, String content) {
        String text = validContent(content);
        requireAuthor(failId, commentId, userId, "Vous ne pouvez modifier que vos propres commentaires");
        jdbc.read(c -> Jdbc.update(c, "UPDATE comments SET content = ?, updated_at = ? WHERE id = ?",
                text, Times.now(clock), commentId));
        return one(commentId);
    }

    public int delete(String failId, String commentId, String userId) {
        requireAuthor(failId, commentId, userId, "Vous ne pouvez supprimer que vos propres commentaires");
        return jdbc.inTransaction(c -> {
            FailService.lockFail(c, failId);
            // The counter counts listed comments only (V7): a hidden one leaves it as it is.
            boolean listed = Jdbc.queryOne(c, "SELECT moderation_status FROM comments WHERE id = ? AND fail_id = ?",
                    rs -> ModerationService.listed(rs.getString(1)), commentId, failId).orElse(false);
            int deleted = Jdbc.update(c, "DELETE FROM comments WHERE id = ? AND fail_id = ?", commentId, failId);
            if (deleted > 0) {
                if (listed) {
                    Jdbc.update(c, "UPDATE fails SET comments_count = GREATEST(comments_count - 1, 0) WHERE id = ?",
                            failId);
                }
                points.add(c, userId, -settings.points(c).commentCreate() * deleted, "comment_delete_revoke", failId,
                        null, null);
            }
            return deleted;
        });
    }

    private void requireAuthor(String failId, String commentId, String userId, String message) {
        if (!Ids.isValid(failId) || !Ids.isValid(commentId)) {
            throw commentNotFound();
        }
        String author = jdbc.read(c -> Jdbc.queryOne(c, "SELECT user_id FROM comments WHERE id = ? AND fail_id = ?",
                rs -> rs.getString(1), commentId, failId)).orElseThrow(CommentService::commentNotFound);
        if (!author.equals(userId)) {
            throw forbidden("ACCESS_DENIED", message);
        }
    }

    private CommentView one(String id) {
        return jdbc.read(c -> Jdbc.queryOne(c, SELECT + "WHERE c.id = ?", CommentService::toView, id))
                .orElseThrow(CommentService::commentNotFound);
    }

    private static ApiException commentNotFound() {
        return notFound("COMMENT_NOT_FOUND", "Commentaire non trouvé");
    }

    private static String validContent(String content) {
        if (content == null || content.trim().isEmpty()) {
            throw badRequest("MISSING_CONTENT", "Le contenu du commentaire est requis");
        }
        if (content.length() > MAX_CONTENT) {
            throw badRequest("CONTENT_TOO_LONG", "Le commentaire ne peut pas dépasser 1000 caractères");
        }
        return content.trim();
    }

    private static CommentView toView(ResultSet rs) throws SQLException {
        return new CommentView(rs.getString("id"), rs.getString("content"), rs.getString("fail_id"),
                rs.getInt("is_encouragement") == 1,
                new Author(rs.getString("user_id"), rs.getString("display_name"), rs.getString("avatar_url")),
                Times.iso(rs.getObject("created_at", LocalDateTime.class)),
                Times.iso(rs.getObject("updated_at", LocalDateTime.class)), 0, 0, List.of(),
                rs.getString("moderation_status"));
    }
}
