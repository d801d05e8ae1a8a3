package io.faildaily.backend.persistence;

import java.sql.SQLException;

/** The database failed us (down, timed out, constraint we did not expect): a 5xx, logged with its cause. */
public final class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlCause() {
        return (SQLException) getCause();
    }
}
