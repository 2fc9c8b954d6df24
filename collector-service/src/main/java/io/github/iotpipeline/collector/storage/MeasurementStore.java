package io.github.iotpipeline.collector.storage;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.iotpipeline.model.IsoTimestamps;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Session;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a batch of measurements and dead letters in one transaction: new readings in one native statement
 * on the session's connection ({@link MeasurementInsert}), dead letters and duplicates as entities, persisted
 * and flushed once at the end as JDBC batches.
 * <p>
 * When a batch records copies (the live collector's do), one query per batch finds the readings that are
 * already stored, so that each copy goes to {@code duplicate_readings}; the insert still ignores a conflicting
 * row, should one slip in between, and its row count gives the counts either way.
 */
@Repository
public class MeasurementStore {

    private static final String EXISTING = """
            select m.sensor_id, m.ts
            from measurements m
            join unnest(?::text[], ?::text[]::timestamptz[]) as k(sensor_id, ts)
              on m.sensor_id = k.sensor_id and m.ts = k.ts
            """;

    private static final Comparator<Measurement> KEY_ORDER =
            Comparator.comparing(Measurement::getSensorId).thenComparing(Measurement::getTs);

    @PersistenceContext
    private EntityManager entityManager;

    /**
     * Whether the last batch stored without the lookup (a replay's, a redrive's) met rows stored already: a
     * replay over what is stored meets them in every batch, and should not try each without the conflict clause.
     */
    private volatile boolean lastHadStoredRows;

    /** Stores a batch, recording each copy of a reading stored already in {@code duplicate_readings}. */
    @Transactional
    public Stored store(List<AcceptedReading> readings, List<DeadLetter> deadLetters) {
        return store(readings, deadLetters, true);
    }

    /**
     * Stores a batch; {@code recordCopies} false leaves copies uncounted in {@code duplicate_readings}, as a
     * replay of the archive must: repeating what is stored is what it does, not what a sensor or broker did.
     * Without copies to record, the batch needs neither the sensor locks nor the lookup of stored keys: the
     * insert's row count tells the new readings from the rest, and rows in key order within one statement cannot
     * deadlock with another writer's (see {@link SensorLocks}).
     */
    @Transactional
    public Stored store(List<AcceptedReading> readings, List<DeadLetter> deadLetters, boolean recordCopies) {
        // Two copies of one reading in the same batch would clash in the persistence context; keep the first.
        Map<MeasurementId, Measurement> unique = new LinkedHashMap<>();
        List<Measurement> copies = new ArrayList<>();
        for (AcceptedReading reading : readings) {
            Measurement measurement = new Measurement(reading);
            if (unique.putIfAbsent(measurement.id(), measurement) != null) {
                copies.add(measurement);
            }
        }
        Set<MeasurementId> existing = unique.isEmpty() || !recordCopies ? Set.of() : lockAndFindStored(unique.keySet());
        List<Measurement> fresh = new ArrayList<>(unique.size());
        unique.forEach((id, measurement) -> (existing.contains(id) ? copies : fresh).add(measurement));
        // In key order: the index pages each insert touches follow one another.
        fresh.sort(KEY_ORDER);
        // The lookup set aside what is stored; without it, a batch is expected new unless the last one was not.
        int inserted = insert(fresh, recordCopies || !lastHadStoredRows);
        if (recordCopies) {
            copies.forEach(copy -> entityManager.persist(new DuplicateReading(copy)));
        }
        else {
            lastHadStoredRows = inserted < fresh.size();
        }
        List<String> rejectedReasons = storeDeadLetters(deadLetters);
        entityManager.flush();
        entityManager.clear();
        return new Stored(inserted, readings.size() - inserted + deadLetters.size() - rejectedReasons.size(),
                rejectedReasons);
    }

    /** Persists the dead letters that are not stored already; returns the reasons of those persisted. */
    private List<String> storeDeadLetters(List<DeadLetter> deadLetters) {
        List<String> reasons = new ArrayList<>(deadLetters.size());
        for (DeadLetter letter : deadLetters) {
            if (!letter.redelivered() || !alreadyRejected(letter)) {
                entityManager.persist(new RejectedMessage(letter));
                reasons.add(letter.reason());
            }
        }
        return reasons;
    }

    /** Inserts the new readings ({@link MeasurementInsert}); returns how many were new. */
    private int insert(List<Measurement> fresh, boolean expectNew) {
        if (fresh.isEmpty()) {
            return 0;
        }
        return entityManager.unwrap(Session.class).doReturningWork(
                connection -> MeasurementInsert.insert(connection, fresh, expectNew));
    }

    /**
     * Dead letters have no natural key: a device may well send the same bad payload twice. But a message the
     * broker flags as redelivered, whose topic and payload are stored already, is that stored message again.
     */
    private boolean alreadyRejected(DeadLetter letter) {
        return !entityManager.createNativeQuery(
                        "select 1 from rejected_messages where topic = ?1 and payload = ?2 limit 1")
                .setParameter(1, letter.topic())
                .setParameter(2, letter.payload())
                .getResultList().isEmpty();
    }

    /**
     * Takes the locks of the readings' sensors ({@link SensorLocks}) before anything is read or written, so that
     * no other store transaction of these sensors deadlocks with this one or stores one of the keys found missing
     * here before the insert; then finds the keys that are stored already.
     */
    private Set<MeasurementId> lockAndFindStored(Set<MeasurementId> ids) {
        entityManager.unwrap(Session.class).doWork(connection -> SensorLocks.lock(connection,
                ids.stream().map(MeasurementId::sensorId).toList()));
        return existing(ids);
    }

    private Set<MeasurementId> existing(Set<MeasurementId> ids) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            String[] sensors = new String[ids.size()];
            // ISO-8601 text with its offset: unambiguous whatever the session's time zone.
            String[] timestamps = new String[ids.size()];
            int i = 0;
            for (MeasurementId id : ids) {
                sensors[i] = id.sensorId();
                timestamps[i++] = IsoTimestamps.format(id.ts());
            }
            Set<MeasurementId> found = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement(EXISTING)) {
                Array sensorArray = connection.createArrayOf("text", sensors);
                Array tsArray = connection.createArrayOf("text", timestamps);
                query.setArray(1, sensorArray);
                query.setArray(2, tsArray);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(new MeasurementId(rows.getString(1),
                                rows.getObject(2, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return found;
        });
    }

    /**
     * What one batch did to the database.
     *
     * @param stored readings inserted as new rows
     * @param duplicates readings not inserted because they were stored already or appeared twice in the batch,
     *        and redelivered dead letters that were stored already
     * @param rejectedReasons the reason of each dead letter inserted
     */
    public record Stored(int stored, int duplicates, List<String> rejectedReasons) {

        public static final Stored NONE = new Stored(0, 0, List.of());

        public Stored {
            rejectedReasons = List.copyOf(rejectedReasons);
        }

        public Stored plus(Stored other) {
            List<String> reasons = new ArrayList<>(rejectedReasons);
            reasons.addAll(other.rejectedReasons);
            return new Stored(stored + other.stored, duplicates + other.duplicates, reasons);
        }

        /** Dead letters inserted. */
        public int rejected() {
            return rejectedReasons.size();
        }
    }
}
