package io.faildaily.backend.service;

import java.util.UUID;
import java.util.regex.Pattern;

/** UUID ids as the original; anything that is not one cannot name a row, so it is answered 404 without a query. */
public final class Ids {
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {}

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static boolean isValid(String id) {
        return id != null && UUID_TEXT.matcher(id).matches();
    }
}
