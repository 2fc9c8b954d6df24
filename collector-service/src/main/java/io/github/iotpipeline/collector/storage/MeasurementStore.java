package io.github.iotpipeline.collector.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a batch of measurements and dead letters in one transaction, as JDBC batches: every entity is
 * persisted (no select, no merge), and the session is flushed once at the end.
 */
@Repository
public class MeasurementStore {

    @PersistenceContext
    private EntityManager entityManager;

    @Transactional
    public Stored store(List<Measurement> measurements, List<RejectedMessage> rejected) {
        // Two copies of one reading in the same batch would clash in the persistence context; keep the first.
        Map<MeasurementId, Measurement> unique = new LinkedHashMap<>();
        for (Measurement measurement : measurements) {
            unique.putIfAbsent(measurement.id(), measurement);
        }
        unique.values().forEach(entityManager::persist);
        rejected.forEach(entityManager::persist);
        entityManager.flush();
        entityManager.clear();
        return new Stored(unique.size(), measurements.size() - unique.size(), rejected.size());
    }

    /**
     * What one batch sent to the database.
     *
     * @param measurements rows inserted or, when already present, ignored by the database
     * @param duplicatesInBatch readings dropped because the same batch held them twice
     * @param rejected dead letters inserted
     */
    public record Stored(int measurements, int duplicatesInBatch, int rejected) {
    }
}
