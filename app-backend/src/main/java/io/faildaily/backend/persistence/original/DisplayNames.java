package io.faildaily.backend.persistence.original;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Display names for the original's accounts, whose names may be missing or shared (its column was nullable and
 * not unique; this backend's is neither). Pure: the database's unique key, under its collation, decides which
 * candidate is free, so "Léo" and "LEO " are told apart exactly as the key tells them.
 */
final class DisplayNames {
    /** profiles.display_name is VARCHAR(100) (V1): characters, as MySQL counts them (code points). */
    static final int MAX = 100;
    /** The original shows this for an account without a name (its profile pages' fallback). */
    static final String NO_NAME = "Utilisateur";

    private DisplayNames() {}

    /** The name to start from: the display name, else the original's username, else {@link #NO_NAME}. */
    static String base(String displayName, String username) {
        for (String name : new String[] {displayName, username}) {
            if (name != null && !name.strip().isEmpty()) {
                return cut(name.strip(), MAX);
            }
        }
        return NO_NAME;
    }

    /**
     * The base, then "base 1", "base 2", … as the original's own generate-display-name offered them, each cut
     * to fit the column with its suffix. Endless: some candidate is always free.
     */
    static Iterator<String> candidates(String base) {
        return new Iterator<>() {
            private long n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (n == Long.MAX_VALUE) {
                    throw new NoSuchElementException();
                }
                String suffix = n == 0 ? "" : " " + n;
                n++;
                return cut(base, MAX - suffix.length()).strip() + suffix;
            }
        };
    }

    private static String cut(String s, int codePoints) {
        return s.codePointCount(0, s.length()) <= codePoints ? s : s.substring(0, s.offsetByCodePoints(0, codePoints));
    }
}
