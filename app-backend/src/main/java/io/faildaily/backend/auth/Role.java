package io.faildaily.backend.auth;

import java.util.Locale;

/**
 * The original's roles (users.role, a free string, default {@code user}), from least to most. Staff routes compare
 * the stored string without regard to case, as the original's admin routes did; anything unknown is a member.
 */
public enum Role {
    USER, MODERATOR, ADMIN, SUPER_ADMIN;

    public static Role of(String stored) {
        if (stored == null) {
            return USER;
        }
        return switch (stored.trim().toLowerCase(Locale.ROOT)) {
            case "moderator" -> MODERATOR;
            case "admin" -> ADMIN;
            case "super_admin" -> SUPER_ADMIN;
            default -> USER;
        };
    }

    /** Whether this role may do what {@code required} may. */
    public boolean atLeast(Role required) {
        return compareTo(required) >= 0;
    }
}
