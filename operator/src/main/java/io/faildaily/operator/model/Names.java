package io.faildaily.operator.model;

import io.faildaily.operator.api.FailDaily;

/** Names of child objects, and of the things inside them that other objects refer to. */
public final class Names {
    private Names() {}

    public static final String SECRET_ROOT_PASSWORD = "mysql-root-password";
    public static final String SECRET_PASSWORD = "mysql-password";
    public static final String SECRET_JWT = "jwt-secret";

    /** The volumeClaimTemplate of the database StatefulSet, the seed's mysql-data volume. */
    public static final String MYSQL_DATA = "mysql-data";

    public static String of(FailDaily fd, Part part) {
        return of(fd.getMetadata().getName(), part);
    }

    public static String of(String instance, Part part) {
        return instance + "-" + part.suffix();
    }

    /** The claim the StatefulSet controller creates for the database's only pod. */
    public static String databaseClaim(FailDaily fd) {
        return MYSQL_DATA + "-" + of(fd, Part.DATABASE) + "-0";
    }
}
