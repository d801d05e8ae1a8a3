package io.faildaily.operator.api;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Environment variables the operator sets on the backend container itself, which spec.backend.env may not
 * name. The list is written once, as a CEL list literal, because the CRD's rule is an annotation value and
 * must be a compile-time constant; the Java set the operator checks is read from that same literal.
 */
public final class ReservedEnv {
    private ReservedEnv() {}

    /** The names, as CEL (and the API server's error message) spells the list. */
    public static final String CEL_LIST = "['NODE_ENV', 'PORT', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASSWORD', "
            + "'DB_NAME', 'JWT_SECRET', 'CORS_ORIGIN', 'LOGS_DB_DISABLED', 'UPLOAD_DIR', 'LOG_DIR', "
            + "'KEEP_ALIVE_TIMEOUT', 'MAX_CONNECTIONS']";

    /** The same names for the operator's check and the model. */
    public static final Set<String> NAMES = parse(CEL_LIST);

    /** On the env list: no entry names a reserved variable (entries have a name: the schema requires it). */
    public static final String CEL_RULE = "self.all(e, !(e.name in " + CEL_LIST + "))";

    public static final String CEL_MESSAGE = "must not set a variable the operator sets itself: " + CEL_LIST;

    /** Reads a CEL list of single-quoted upper-case names; anything else is a mistake in CEL_LIST. */
    static Set<String> parse(String celList) {
        if (!celList.startsWith("[") || !celList.endsWith("]")) {
            throw new IllegalArgumentException("not a CEL list literal: " + celList);
        }
        return Arrays.stream(celList.substring(1, celList.length() - 1).split(","))
                .map(String::trim)
                .map(item -> {
                    if (!item.matches("'[A-Z][A-Z0-9_]*'")) {
                        throw new IllegalArgumentException("not a quoted variable name: " + item);
                    }
                    return item.substring(1, item.length() - 1);
                })
                .collect(Collectors.toUnmodifiableSet());
    }
}
