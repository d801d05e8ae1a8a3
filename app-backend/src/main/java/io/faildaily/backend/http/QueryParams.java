package io.faildaily.backend.http;

import io.javalin.http.Context;

/** Lenient numeric query parameters, as the original: a malformed value is ignored, not an error. */
public final class QueryParams {
    private QueryParams() {}

    public static Integer integer(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank() || v.length() > 9) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
