package io.faildaily.backend.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the original API, as records whose component names are the wire field names. */
public final class Views {
    private Views() {}

    public record ReactionCounts(int courage, int empathy, int laugh, int support) {
        public int total() {
            return courage + empathy + laugh + support;
        }
    }

    public record FailView(
            String id,
            String title,
            String description,
            String category,
            String imageUrl,
            String authorId,
            String authorName,
            String authorAvatar,
            ReactionCounts reactions,
            int commentsCount,
            @JsonProperty("is_anonyme") boolean anonymous,
            String createdAt,
            String updatedAt,
            String userReaction,
            String moderationStatus) {}

    public record Pagination(int page, int limit, long offset, boolean hasMore, Long nextOffset) {}

    public record FeedPage(List<FailView> fails, Pagination pagination) {}

    /** A row of GET /api/users/{id}/fails: the original sent raw rows, so snake_case names and 0/1. */
    public record UserFailRow(
            String id,
            String title,
            String description,
            String category,
            @JsonProperty("image_url") String imageUrl,
            @JsonProperty("is_anonyme") int anonymous,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            /** Only on the author's own list. */
            @JsonInclude(JsonInclude.Include.NON_NULL) String email,
            String authorName,
            String authorAvatar) {}

    public record UserFailPage(List<UserFailRow> fails, Pagination pagination) {}

    public record ReactionSummary(Map<String, Integer> counts, int totalCount, String userReaction) {}

    public record ReactionChange(String action, String reactionType, ReactionSummary summary) {}

    public record ReactionUser(String id, String displayName, String avatarUrl) {}

    public record ReactionEntry(String id, String type, ReactionUser user, String createdAt) {}

    public record ReactionList(List<ReactionEntry> reactions, Map<String, Integer> counts, int totalCount,
                               String userReaction) {}

    public record Author(String id, String displayName, String avatarUrl) {}

    public record CommentView(String id, String content, String failId, boolean isEncouragement, Author author,
                              String createdAt, String updatedAt, int repliesCount, int likesCount,
                              List<Object> replies, String moderationStatus) {}

    public record CommentPagination(int page, int limit, long total, long totalPages, boolean hasNext,
                                    boolean hasPrev) {}

    public record CommentPage(List<CommentView> comments, CommentPagination pagination) {}

    public record ReportResult(long reports, boolean autoHidden, int threshold) {}

    public record Requirements(String type, int value) {}

    public record BadgeDefinition(String id, String name, String description, String icon, String category,
                                  String rarity, Requirements requirements,
                                  @JsonProperty("created_at") String createdAt) {}

    public record UserBadge(String id, String name, String description, String icon, String category,
                            String rarity, @JsonProperty("badge_type") String badgeType,
                            @JsonProperty("unlocked_at") String unlockedAt, String unlockedDate) {}

    public record UserSummary(String id, String email, String displayName, String avatarUrl, String role) {}

    public record UserStats(
            @JsonProperty("courage_points") long couragePoints,
            long streak,
            @JsonProperty("total_fails") long totalFails,
            @JsonProperty("total_badges") long totalBadges,
            @JsonProperty("total_reactions_given") long totalReactionsGiven,
            @JsonProperty("total_reactions_received") long totalReactionsReceived,
            @JsonProperty("total_comments") long totalComments,
            @JsonProperty("join_date") String joinDate) {}
}
