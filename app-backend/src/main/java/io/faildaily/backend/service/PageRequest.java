package io.faildaily.backend.service;

/**
 * Which page a list route was asked for, read as the original did: {@code limit} (default, capped),
 * {@code page} from 1, or {@code offset}, which wins over {@code page}; bad or missing values fall back.
 */
public record PageRequest(int page, int limit, long offset) {
    public static PageRequest of(Integer requestedLimit, Integer requestedPage, Integer requestedOffset,
                                 int defaultLimit, int maxLimit) {
        int limit = requestedLimit != null && requestedLimit > 0 ? Math.min(requestedLimit, maxLimit) : defaultLimit;
        if (requestedOffset != null && requestedOffset >= 0) {
            return new PageRequest((int) (requestedOffset / limit) + 1, limit, requestedOffset);
        }
        int page = requestedPage != null && requestedPage > 0 ? requestedPage : 1;
        return new PageRequest(page, limit, (long) (page - 1) * limit);
    }
}
