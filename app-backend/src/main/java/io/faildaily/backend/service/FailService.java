package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;
import static io.faildaily.backend.service.ApiException.forbidden;
import static io.faildaily.backend.service.ApiException.notFound;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.PageByIds;
import io.faildaily.backend.persistence.SelectList;
import io.faildaily.backend.persistence.Times;
import io.faildaily.backend.service.Views.FailView;
import io.faildaily.backend.service.Views.FeedPage;
import io.faildaily.backend.service.Views.Pagination;
import io.faildaily.backend.service.Views.ReactionCounts;
import io.faildaily.backend.service.Views.ReportResult;
import io.faildaily.backend.service.Views.UserFailPage;
import io.faildaily.backend.service.Views.UserFailRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Fails: the feed, one fail, create / edit / delete by the owner, and reports that hide a fail. */
public final class FailService {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_CATEGORY = 100;
    public static final int MAX_IMAGE_URL = 500;
    public static final String DEFAULT_CATEGORY = "Général";
    static final String ANONYMOUS_NAME = "Anonyme";
    static final String ANONYMOUS_AVATAR = "assets/profil/anonymous.png";
    /** What the original's user list shows for an author without a display name or avatar. */
    static final String UNNAMED_AUTHOR = "Utilisateur";
    static final String DEFAULT_AVATAR = "assets/profil/face.png";

    private static final String VISIBLE = "(f.moderation_status IS NULL OR f.moderation_status NOT IN ('hidden','rejected'))";
    /** A user's own list shows fails never moderated or approved (the original's E9), not those under review. */
    private static final String LISTED_ON_PROFILE = "(f.moderation_status IS NULL OR f.moderation_status = 'approved')";
    private static final SelectList VIEW = new SelectList("f.id", "f.user_id", "f.title", "f.description",
            "f.category", "f.image_url", "f.is_anonyme", "f.courage_count", "f.empathy_count", "f.laugh_count",
            "f.support_count", "f.comments_count", "f.moderation_status", "f.created_at", "f.updated_at",
            "p.display_name", "p.avatar_url", "r.reaction_type");
    private static final int ID = VIEW.at("f.id");
    private static final int USER_ID = VIEW.at("f.user_id");
    private static final int TITLE = VIEW.at("f.title");
    private static final int DESCRIPTION = VIEW.at("f.description");
    private static final int CATEGORY = VIEW.at("f.category");
    private static final int IMAGE_URL = VIEW.at("f.image_url");
    private static final int IS_ANONYME = VIEW.at("f.is_anonyme");
    private static final int COURAGE = VIEW.at("f.courage_count");
    private static final int EMPATHY = VIEW.at("f.empathy_count");
    private static final int LAUGH = VIEW.at("f.laugh_count");
    private static final int SUPPORT = VIEW.at("f.support_count");
    private static final int COMMENTS = VIEW.at("f.comments_count");
    private static final int MODERATION = VIEW.at("f.moderation_status");
    private static final int CREATED = VIEW.at("f.created_at");
    private static final int UPDATED = VIEW.at("f.updated_at");
    private static final int DISPLAY_NAME = VIEW.at("p.display_name");
    private static final int AVATAR = VIEW.at("p.avatar_url");
    private static final int MY_REACTION = VIEW.at("r.reaction_type");
    /*
     * The feed as a deferred join (persistence/PageByIds): the page's ids from a backward walk of
     * idx_fails_feed_page (created_at, id, moderation_status), which holds the filter, so the server reads
     * offset + limit index entries and no row; then those fails by primary key with their author and "my
     * reaction" as primary/unique-key lookups. FORCE INDEX on every table: nothing is left to statistics.
     * The visibility filter is repeated on the rows, for a fail hidden between the two statements.
     */
    private static final String FEED_IDS_SQL = "SELECT f.id FROM fails f FORCE INDEX (idx_fails_feed_page) WHERE "
            + VISIBLE + " ORDER BY f.created_at DESC, f.id DESC LIMIT ? OFFSET ?";
    private static final String ROWS_SQL = "SELECT STRAIGHT_JOIN " + VIEW.sql() + " FROM fails f FORCE INDEX (PRIMARY) "
            + "JOIN profiles p FORCE INDEX (PRIMARY) ON p.user_id = f.user_id "
            + "LEFT JOIN reactions r FORCE INDEX (uk_reactions_fail_user) ON r.fail_id = f.id AND r.user_id = ? ";
    private static final String FEED_ROWS_SQL = ROWS_SQL + "WHERE " + VISIBLE + " AND f.id IN";
    /*
     * A user's fails, the same way: the ids from idx_fails_user_page (user_id, created_at, id, is_anonyme,
     * moderation_status) walked backwards from the user's newest; "is_anonyme <= ?" is 1 for the author (all
     * fails) and 0 for anyone else (named fails only).
     */
    private static final String USER_IDS_SQL = "SELECT f.id FROM fails f FORCE INDEX (idx_fails_user_page) "
            + "WHERE f.user_id = ? AND f.is_anonyme <= ? AND " + LISTED_ON_PROFILE
            + " ORDER BY f.created_at DESC, f.id DESC LIMIT ? OFFSET ?";
    private static final String USER_ROWS_SQL = "SELECT STRAIGHT_JOIN f.id, f.title, f.description, f.category, "
            + "f.image_url, f.is_anonyme, f.created_at, f.updated_at, u.email, p.display_name, p.avatar_url "
            + "FROM fails f FORCE INDEX (PRIMARY) JOIN users u FORCE INDEX (PRIMARY) ON u.id = f.user_id "
            + "LEFT JOIN profiles p FORCE INDEX (PRIMARY) ON p.user_id = f.user_id WHERE " + LISTED_ON_PROFILE
            + " AND f.id IN";
    private static final String ONE_SQL = ROWS_SQL + "WHERE f.id = ? AND (" + VISIBLE + " OR f.user_id = ?)";

    private final Jdbc jdbc;
    private final PointsLedger points;
    private final BadgeService badges;
    private final AppSettings settings;
    private final Clock clock;

    public FailService(Jdbc jdbc, PointsLedger points, BadgeService badges, AppSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.points = points;
        this.badges = badges;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code limit}, {@code page}, {@code offset} as the original: bad or missing values fall back to defaults. */
    public FeedPage feed(String viewerId, Integer requestedLimit, Integer requestedPage, Integer requestedOffset) {
        PageRequest at = PageRequest.of(requestedLimit, requestedPage, requestedOffset, DEFAULT_LIMIT, MAX_LIMIT);
        int limit = at.limit();
        long offset = at.offset();
        record Page(List<String> ids, List<FailView> fails) {}
        Page p = jdbc.read(c -> {
            List<String> ids = PageByIds.ids(c, FEED_IDS_SQL, limit, offset);
            return new Page(ids, PageByIds.rows(c, ids, FEED_ROWS_SQL, FailView::id, rs -> toView(rs, viewerId),
                    viewerId));
        });
        // "more" is decided by the walk, not by rows that went away between the two statements.
        boolean hasMore = p.ids().size() == limit;
        return new FeedPage(p.fails(), new Pagination(at.page(), limit, offset, hasMore,
                hasMore ? offset + p.ids().size() : null));
    }

    /**
     * GET /api/users/{id}/fails (the original's E9), newest first, only fails never moderated or approved. The
     * original returned every row unpaged; here {@code limit}/{@code page}/{@code offset} as the feed, so a
     * prolific author costs one page. Other viewers get neither the author's e-mail nor the anonymous fails
     * (listing those under the author's name would undo the anonymity); the author gets both.
     */
    public UserFailPage ofUser(String authorId, String viewerId, Integer requestedLimit, Integer requestedPage,
                               Integer requestedOffset) {
        PageRequest at = PageRequest.of(requestedLimit, requestedPage, requestedOffset, DEFAULT_LIMIT, MAX_LIMIT);
        boolean own = authorId.equals(viewerId);
        record Page(List<String> ids, List<UserFailRow> fails) {}
        Page p = !Ids.isValid(authorId) ? new Page(List.of(), List.of()) : jdbc.read(c -> {
            List<String> ids = PageByIds.ids(c, USER_IDS_SQL, authorId, own ? 1 : 0, at.limit(), at.offset());
            return new Page(ids, PageByIds.rows(c, ids, USER_ROWS_SQL, UserFailRow::id, rs -> toUserRow(rs, own)));
        });
        boolean hasMore = p.ids().size() == at.limit();
        return new UserFailPage(p.fails(), new Pagination(at.page(), at.limit(), at.offset(), hasMore,
                hasMore ? at.offset() + p.ids().size() : null));
    }

    private static UserFailRow toUserRow(ResultSet rs, boolean own) throws SQLException {
        String name = rs.getString("display_name");
        String avatar = rs.getString("avatar_url");
        return new UserFailRow(rs.getString("id"), rs.getString("title"), rs.getString("description"),
                rs.getString("category"), rs.getString("image_url"), rs.getInt("is_anonyme"),
                Times.iso(rs.getObject("created_at", LocalDateTime.class)),
                Times.iso(rs.getObject("updated_at", LocalDateTime.class)),
                own ? rs.getString("email") : null,
                name == null || name.isBlank() ? UNNAMED_AUTHOR : name,
                avatar == null || avatar.isBlank() ? DEFAULT_AVATAR : avatar);
    }

    public FailView get(String failId, String viewerId) {
        return find(failId, viewerId).orElseThrow(FailService::failNotFound);
    }

    private Optional<FailView> find(String failId, String viewerId) {
        if (!Ids.isValid(failId)) {
            return Optional.empty();
        }
        return jdbc.read(c -> Jdbc.queryOne(c, ONE_SQL, rs -> toView(rs, viewerId), viewerId, failId, viewerId));
    }

    public record FailInput(String title, boolean titleSet, String description, boolean descriptionSet,
                            String category, boolean categorySet, Boolean anonymous, String imageUrl,
                            boolean imageUrlSet) {}

    public FailView create(String userId, FailInput in, String countryCode) {
        String title = validTitle(in.title());
        String description = validDescription(in.description());
        String category = validCategory(in.category());
        String imageUrl = validImageUrl(in.imageUrl());
        boolean anonymous = in.anonymous() != null && in.anonymous();
        String failId = Ids.newId();
        jdbc.inTransaction(c -> {
            LocalDateTime now = Times.now(clock);
            Jdbc.update(c, "INSERT INTO fails (id, user_id, title, description, category, image_url, is_anonyme, "
                    + "country_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    failId, userId, title, description, category, imageUrl, anonymous ? 1 : 0, countryCode, now, now);
            // The author's profile before their points: every writer locks profile, then user_points.
            Jdbc.update(c, "UPDATE profiles SET fails_count = fails_count + 1 WHERE user_id = ?", userId);
            BadgeProgress.failPosted(c, userId, now.toLocalDate(), description, category);
            points.add(c, userId, settings.points(c).failCreate(), "fail_create", failId, null, null);
            return null;
        });
        badges.unlockEarned(userId, BadgeTrigger.FAIL_POSTED,
                BadgeService.Context.failPosted(failId, category, countryCode));
        return get(failId, userId);
    }

    public FailView update(String failId, String userId, FailInput in) {
        requireOwner(failId, userId, "Vous ne pouvez modifier que vos propres fails");
        if (!in.titleSet() && !in.descriptionSet() && !in.categorySet() && in.anonymous() == null && !in.imageUrlSet()) {
            throw badRequest("NO_UPDATE_DATA", "Aucune donnée valide à mettre à jour");
        }
        String title = in.titleSet() ? validTitle(in.title()) : null;
        String description = in.descriptionSet() ? validDescription(in.description()) : null;
        String category = in.categorySet() ? validCategory(in.category()) : null;
        String imageUrl = in.imageUrlSet() ? validImageUrl(in.imageUrl()) : null;
        jdbc.inTransaction(c -> {
            LocalDateTime now = Times.now(clock);
            // One fixed statement per field: the SQL text never depends on the request.
            if (in.titleSet()) {
                Jdbc.update(c, "UPDATE fails SET title = ?, updated_at = ? WHERE id = ?", title, now, failId);
            }
            if (in.descriptionSet()) {
                Jdbc.update(c, "UPDATE fails SET description = ?, updated_at = ? WHERE id = ?", description, now, failId);
            }
            if (in.categorySet()) {
                Jdbc.update(c, "UPDATE fails SET category = ?, updated_at = ? WHERE id = ?", category, now, failId);
            }
            if (in.anonymous() != null) {
                Jdbc.update(c, "UPDATE fails SET is_anonyme = ?, updated_at = ? WHERE id = ?",
                        in.anonymous() ? 1 : 0, now, failId);
            }
            if (in.imageUrlSet()) {
                Jdbc.update(c, "UPDATE fails SET image_url = ?, updated_at = ? WHERE id = ?", imageUrl, now, failId);
            }
            return null;
        });
        return get(failId, userId);
    }

    /** Deletes the fail and takes back the points it earned others and its author, as the original did. */
    public void delete(String failId, String userId) {
        requireOwner(failId, userId, "Vous ne pouvez supprimer que vos propres fails");
        jdbc.inTransaction(c -> {
            Jdbc.queryOne(c, "SELECT id FROM fails WHERE id = ? FOR UPDATE", rs -> rs.getString(1), failId);
            takeOffAuthorCounters(c, failId);
            PointsSettings earned = settings.points(c);
            int revokeFromAuthor = 0;
            for (ReactionType t : ReactionType.values()) {
                long n = Jdbc.count(c, "SELECT COUNT(*) FROM reactions WHERE fail_id = ? AND user_id <> ? "
                        + "AND reaction_type = ?", failId, userId, t.wireName());
                revokeFromAuthor += (int) n * earned.forReaction(t);
            }
            points.add(c, userId, -revokeFromAuthor, "fail_deleted_revoke", failId, null, null);
            List<Object[]> commenters = Jdbc.query(c, "SELECT user_id, COUNT(*) FROM comments WHERE fail_id = ? "
                    + "GROUP BY user_id", rs -> new Object[] {rs.getString(1), rs.getLong(2)}, failId);
            for (Object[] row : commenters) {
                int amount = (int) ((long) row[1] * earned.commentCreate());
                points.add(c, (String) row[0], -amount, "fail_deleted_revoke_comment", failId, null, null);
            }
            Jdbc.update(c, "DELETE FROM fails WHERE id = ?", failId); // reactions, comments, reports cascade
            return null;
        });
    }

    /**
     * E6: one report per member and fail; at the configured number of distinct reporters (settings, V7) a fail
     * not approved is hidden, and waits in the staff's queue.
     */
    public ReportResult report(String failId, String userId, String reason) {
        ModerationService.validReason(reason);
        if (!Ids.isValid(failId)) {
            throw failNotFound();
        }
        return jdbc.inTransaction(c -> {
            Optional<Long> before = Jdbc.queryOne(c, "SELECT reports_count FROM fails WHERE id = ? FOR UPDATE",
                    rs -> rs.getLong(1), failId);
            if (before.isEmpty()) {
                throw failNotFound();
            }
            // INSERT IGNORE: a second report by the same user changes nothing.
            int added = Jdbc.update(c, "INSERT IGNORE INTO fail_reports (id, fail_id, user_id, reason, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", Ids.newId(), failId, userId, reason, Times.now(clock));
            Jdbc.update(c, "UPDATE fails SET reports_count = reports_count + ? WHERE id = ?", added, failId);
            long reports = before.get() + added;
            int threshold = settings.moderation(c).failReportThreshold();
            boolean hidden = reports >= threshold;
            if (hidden) {
                Jdbc.update(c, "UPDATE fails SET moderation_status = 'hidden' WHERE id = ? "
                        + "AND (moderation_status IS NULL OR moderation_status = 'under_review')", failId);
            }
            return new ReportResult(reports, hidden, threshold);
        });
    }

    /** Lets a fail through only to its owner: 404 if it does not exist (or is hidden), 403 if it is someone else's. */
    private void requireOwner(String failId, String userId, String message) {
        if (!Ids.isValid(failId)) {
            throw failNotFound();
        }
        String owner = jdbc.read(c -> Jdbc.queryOne(c, "SELECT f.user_id FROM fails f WHERE f.id = ? AND ("
                + VISIBLE + " OR f.user_id = ?)", rs -> rs.getString(1), failId, userId))
                .orElseThrow(FailService::failNotFound);
        if (!owner.equals(userId)) {
            throw forbidden("ACCESS_DENIED", message);
        }
    }

    static ApiException failNotFound() {
        return notFound("FAIL_NOT_FOUND", "Fail non trouvé");
    }

    private static String validTitle(String title) {
        if (title == null || title.trim().isEmpty()) {
            throw badRequest("TITLE_REQUIRED", "Le titre est obligatoire");
        }
        if (title.length() > MAX_TITLE) {
            throw badRequest("TITLE_TOO_LONG", "Le titre ne peut pas dépasser 200 caractères");
        }
        return title.trim();
    }

    private static String validDescription(String description) {
        String d = description == null ? "" : description.trim();
        if (d.length() > MAX_DESCRIPTION) {
            throw badRequest("DESCRIPTION_TOO_LONG", "La description ne peut pas dépasser 2000 caractères");
        }
        return d;
    }

    private static String validCategory(String category) {
        String c = category == null || category.isBlank() ? DEFAULT_CATEGORY : category.trim();
        if (c.length() > MAX_CATEGORY) {
            throw badRequest("CATEGORY_TOO_LONG", "La catégorie ne peut pas dépasser 100 caractères");
        }
        return c;
    }

    private static String validImageUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (url.length() > MAX_IMAGE_URL) {
            throw badRequest("IMAGE_URL_TOO_LONG", "L'URL de l'image ne peut pas dépasser 500 caractères");
        }
        return url.trim();
    }

    static FailView toView(ResultSet rs, String viewerId) throws SQLException {
        boolean anonymous = rs.getInt(IS_ANONYME) == 1;
        String authorId = rs.getString(USER_ID);
        boolean own = authorId.equals(viewerId);
        return new FailView(
                rs.getString(ID),
                rs.getString(TITLE),
                rs.getString(DESCRIPTION),
                rs.getString(CATEGORY),
                rs.getString(IMAGE_URL),
                // An anonymous fail hides who wrote it from everyone but its author.
                anonymous && !own ? null : authorId,
                anonymous ? ANONYMOUS_NAME : rs.getString(DISPLAY_NAME),
                anonymous ? ANONYMOUS_AVATAR : rs.getString(AVATAR),
                new ReactionCounts(rs.getInt(COURAGE), rs.getInt(EMPATHY), rs.getInt(LAUGH), rs.getInt(SUPPORT)),
                rs.getInt(COMMENTS),
                anonymous,
                Times.iso(rs.getObject(CREATED, LocalDateTime.class)),
                Times.iso(rs.getObject(UPDATED, LocalDateTime.class)),
                rs.getString(MY_REACTION),
                rs.getString(MODERATION));
    }

    /** Before a fail is deleted: what it adds to its author's counters on the profile (V6) is taken off. */
    static void takeOffAuthorCounters(Connection c, String failId) throws SQLException {
        Jdbc.update(c, "UPDATE profiles p JOIN fails f ON f.id = ? SET p.fails_count = GREATEST(p.fails_count - 1, 0), "
                + "p.courage_received = GREATEST(p.courage_received - f.courage_count, 0), "
                + "p.reactions_received = GREATEST(p.reactions_received - (f.courage_count + f.empathy_count "
                + "+ f.laugh_count + f.support_count), 0), "
                + "p.laughs_received = GREATEST(p.laughs_received - f.laugh_count, 0), "
                + "p.reactions_from_others = GREATEST(p.reactions_from_others - (SELECT COUNT(*) FROM reactions r "
                + "WHERE r.fail_id = f.id AND r.user_id <> f.user_id), 0) WHERE p.user_id = f.user_id", failId);
    }

    /** Locks the fail row for the rest of the transaction and returns its author, or 404. */
    static String lockFail(Connection c, String failId) throws SQLException {
        if (!Ids.isValid(failId)) {
            throw failNotFound();
        }
        return Jdbc.queryOne(c, "SELECT user_id FROM fails f WHERE f.id = ? AND " + VISIBLE + " FOR UPDATE",
                rs -> rs.getString(1), failId).orElseThrow(FailService::failNotFound);
    }
}
