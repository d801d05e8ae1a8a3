package io.faildaily.operator.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.faildaily.operator.api.DatabaseSpec;

/**
 * The memory the database container must stay under, read from the spec, and the my.cnf memory settings
 * for it ({@link MysqlMemory}). The refusal of a spec that cannot fit is worded here, with the fields.
 */
public final class DatabaseMemory {
    /** The database container's memory limit when spec.database.resources is not set. */
    public static final String DEFAULT_LIMIT = "1Gi";
    public static final String LIMIT_FIELD = "spec.database.resources.limits.memory";
    public static final String REQUEST_FIELD = "spec.database.resources.requests.memory";
    public static final String BUFFER_POOL_FIELD = "spec.database.bufferPoolSize";
    public static final String CONNECTIONS_FIELD = "spec.database.maxConnections";

    private DatabaseMemory() {}

    /** The bound in bytes, as written, and where it comes from (a field, or the default). */
    public record Bound(long bytes, String written, String source) {}

    /** A spec the bound cannot hold: the field to change and why. */
    public record Refusal(String field, String message) {}

    /**
     * The memory limit; without one, the memory request (what the scheduler reserved: a pod above it is the
     * first to go when its node runs short); with neither, the default limit, which the model then sets
     * unless the user's own resources leave it out.
     */
    public static Bound bound(DatabaseSpec db) {
        ResourceRequirements resources = db.getResources();
        Quantity limit = memory(resources == null ? null : resources.getLimits());
        if (limit != null) {
            return new Bound(bytes(limit), limit.toString(), LIMIT_FIELD);
        }
        Quantity request = memory(resources == null ? null : resources.getRequests());
        if (request != null) {
            return new Bound(bytes(request), request.toString(), REQUEST_FIELD + " (no memory limit is set)");
        }
        return new Bound(bytes(new Quantity(DEFAULT_LIMIT)), DEFAULT_LIMIT, "the default memory limit");
    }

    /** The settings for this database; {@link #refusal} must be empty (validation sees to it). */
    public static MysqlMemory plan(DatabaseSpec db) {
        return MysqlMemory.plan(bound(db).bytes(), MysqlSize.bytes(db.getBufferPoolSize()), db.getMaxConnections());
    }

    /** Why this database cannot stay under its memory bound, if it cannot; its fields must be valid otherwise. */
    public static Optional<Refusal> refusal(DatabaseSpec db) {
        Bound bound;
        try {
            bound = bound(db);
        } catch (IllegalArgumentException | ArithmeticException e) {
            String field = memory(db.getResources().getLimits()) != null ? LIMIT_FIELD : REQUEST_FIELD;
            return Optional.of(new Refusal(field, "must be a Kubernetes quantity such as 1Gi"));
        }
        long pool;
        try {
            pool = MysqlSize.bytes(db.getBufferPoolSize());
        } catch (ArithmeticException e) {
            return Optional.of(new Refusal(BUFFER_POOL_FIELD, "is larger than any memory"));
        }
        return MysqlMemory.shortfall(bound.bytes(), pool, db.getMaxConnections())
                .map(shortfall -> refusal(shortfall, bound, db, pool));
    }

    private static Refusal refusal(MysqlMemory.Shortfall shortfall, Bound bound, DatabaseSpec db, long pool) {
        long effective = MysqlMemory.effectiveBufferPool(pool);
        String under = bound.source() + " " + bound.written();
        if (shortfall.reason() == MysqlMemory.Reason.BUFFER_POOL) {
            return new Refusal(BUFFER_POOL_FIELD, db.getBufferPoolSize() + " leaves no memory under " + under
                    + ": mysqld needs the pool as MySQL allocates it (" + MysqlSize.of(effective) + "), "
                    + MysqlSize.of(MysqlMemory.descriptors(effective)) + " for its page descriptors and "
                    + MysqlSize.of(MysqlMemory.SERVER_OVERHEAD) + " for the server itself, before any connection;"
                    + " lower " + BUFFER_POOL_FIELD + " or raise " + LIMIT_FIELD);
        }
        return new Refusal(CONNECTIONS_FIELD, (db.getMaxConnections() + 1L) + " connections (maxConnections + 1)"
                + " need at least " + MysqlSize.of(MysqlMemory.MIN_PER_CONNECTION) + " each and temporary tables "
                + MysqlSize.of(MysqlMemory.TEMPTABLE_MIN) + ", " + mebibytes(shortfall.needed()) + " in all, but "
                + under + " leaves " + mebibytes(shortfall.room()) + " after " + BUFFER_POOL_FIELD + " "
                + db.getBufferPoolSize() + " and the server; lower " + CONNECTIONS_FIELD + " or "
                + BUFFER_POOL_FIELD + ", or raise " + LIMIT_FIELD);
    }

    private static Quantity memory(Map<String, Quantity> quantities) {
        return quantities == null ? null : quantities.get("memory");
    }

    /** Whole bytes; a quantity that is not one throws IllegalArgumentException or ArithmeticException. */
    private static long bytes(Quantity quantity) {
        BigDecimal bytes = Quantity.getAmountInBytes(quantity);
        return bytes.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static String mebibytes(long bytes) {
        return bytes / MysqlSize.MIB + "M";
    }
}
