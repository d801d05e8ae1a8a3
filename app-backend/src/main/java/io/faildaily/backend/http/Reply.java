package io.faildaily.backend.http;

import java.util.LinkedHashMap;

/** A JSON response object built in wire order: {@code Reply.success().with("fail", view)}. */
public final class Reply extends LinkedHashMap<String, Object> {
    private Reply() {}

    /** An object without the `success` flag (the health documents of the original have none). */
    public static Reply empty() {
        return new Reply();
    }

    public static Reply success() {
        Reply r = new Reply();
        r.put("success", true);
        return r;
    }

    public static Reply success(String message) {
        return success().with("message", message);
    }

    public static Reply failure(String code, String message) {
        Reply r = new Reply();
        r.put("success", false);
        r.put("message", message);
        r.put("code", code);
        // The original answered {error, code} in many places: keep `error` for clients that read it.
        r.put("error", message);
        return r;
    }

    public Reply withAll(java.util.Map<String, ?> fields) {
        putAll(fields);
        return this;
    }

    public Reply with(String key, Object value) {
        put(key, value);
        return this;
    }
}
