package io.github.iotpipeline.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Session;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dead letters of {@code rejected_messages} that redrive reads back, oldest first, and the mark it sets on
 * those that are readings now. Nothing else of a dead letter is ever changed: the row is the audit trail.
 */
@Repository
public class DeadLetters {

    @PersistenceContext
    private EntityManager entityManager;

    /** How many dead letters the query finds. */
    @Transactional(readOnly = true)
    public long count(DeadLetterQuery query) {
        return work(connection -> {
            try (PreparedStatement statement = prepare(connection,
                    "select count(*) from rejected_messages where " + query.condition(), query.parameters());
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** The next {@code limit} dead letters the query finds, in id order, after the one with id {@code afterId}. */
    @Transactional(readOnly = true)
    public List<StoredDeadLetter> after(DeadLetterQuery query, long afterId, int limit) {
        List<Object> parameters = new ArrayList<>(query.parameters());
        parameters.add(afterId);
        parameters.add(limit);
        String sql = "select id, received_at, topic, reason, payload from rejected_messages where "
                + query.condition() + " and id > ? order by id limit ?";
        return work(connection -> {
            List<StoredDeadLetter> letters = new ArrayList<>(limit);
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    letters.add(new StoredDeadLetter(rows.getLong(1),
                            rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getString(3),
                            rows.getString(4), rows.getBytes(5)));
                }
            }
            return letters;
        });
    }

    /** Marks the dead letters redriven, in the transaction that stores their readings. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markRedriven(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        work(connection -> {
            try (PreparedStatement statement = prepare(connection,
                    "update rejected_messages set redriven_at = ? where id = any(?)",
                    List.of(at, ids.toArray(Long[]::new)))) {
                return statement.executeUpdate();
            }
        });
    }

    private <T> T work(SqlWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work::run);
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof String[] texts) {
                statement.setArray(i + 1, connection.createArrayOf("text", texts));
            }
            else if (value instanceof Long[] numbers) {
                statement.setArray(i + 1, connection.createArrayOf("bigint", numbers));
            }
            else if (value instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            }
            else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
