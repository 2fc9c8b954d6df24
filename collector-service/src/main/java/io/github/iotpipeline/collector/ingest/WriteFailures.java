package io.github.iotpipeline.collector.ingest;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Tells a failure caused by the data from one caused by the surroundings. Only PostgreSQL's data
 * exceptions (SQLSTATE class 22) and integrity violations (class 23) blame a row; then the batch is split
 * to find it. Everything else — a lost connection, a full disk, a missing grant, a missing table — would
 * fail any row, so the batch is kept whole and retried until the cause is gone.
 */
final class WriteFailures {

    private WriteFailures() {
    }

    static boolean isCausedByData(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The most specific message in the chain, for the dead-letter table. */
    static String describe(Throwable failure) {
        SQLException sql = sqlException(failure);
        Throwable cause = sql != null ? sql : rootCause(failure);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String state = sqlState(failure);
        return state == null ? message : message + " (SQLSTATE " + state + ")";
    }

    private static @Nullable String sqlState(Throwable failure) {
        SQLException sql = sqlException(failure);
        return sql == null ? null : sql.getSQLState();
    }

    /** The deepest SQLException, following both causes and JDBC's chained "next" exceptions. */
    private static @Nullable SQLException sqlException(Throwable failure) {
        SQLException found = null;
        Set<Throwable> seen = new HashSet<>();
        Throwable current = failure;
        while (current != null && seen.add(current)) {
            if (current instanceof SQLException sql) {
                found = sql;
                if (sql.getNextException() != null && sql.getNextException() != sql.getCause()) {
                    current = sql.getNextException();
                    continue;
                }
            }
            current = current.getCause();
        }
        return found;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        Set<Throwable> seen = new HashSet<>();
        while (current.getCause() != null && seen.add(current)) {
            current = current.getCause();
        }
        return current;
    }
}
