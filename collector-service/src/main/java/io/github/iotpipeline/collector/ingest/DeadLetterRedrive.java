package io.github.iotpipeline.collector.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.iotpipeline.collector.quality.QualityClassifier;
import io.github.iotpipeline.collector.schema.SchemaMigration;
import io.github.iotpipeline.collector.storage.AcceptedReading;
import io.github.iotpipeline.collector.storage.DeadLetters;
import io.github.iotpipeline.collector.storage.MeasurementStore;
import io.github.iotpipeline.collector.storage.StoredDeadLetter;
import io.github.iotpipeline.model.Decoded;
import io.github.iotpipeline.model.RejectReason;
import io.github.iotpipeline.model.SensorReading;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs dead letters through today's contract: the same contract check, timestamp policy and quality flagging as
 * live messages, as of the moment each was received. What is accepted now is stored in {@code measurements}
 * and its dead letter marked redriven, in one transaction, so that a redrive stopped at any point leaves no
 * reading without its mark and no mark without its reading. What is still refused is left as it is.
 * <p>
 * Idempotent: a reading stored already (the archive was replayed, say) is not stored again, and a marked dead
 * letter is not read again. Nothing goes to the raw archive, which holds the message as received already.
 */
@Component
public class DeadLetterRedrive {

    private final MessageCheck check;
    private final QualityClassifier classifier;
    private final MeasurementStore store;
    private final DeadLetters deadLetters;
    private final SchemaMigration schema;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DeadLetterRedrive(MessageCheck check, QualityClassifier classifier, MeasurementStore store,
            DeadLetters deadLetters, SchemaMigration schema, PlatformTransactionManager transactions, Clock clock) {
        this.check = check;
        this.classifier = classifier;
        this.store = store;
        this.deadLetters = deadLetters;
        this.schema = schema;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Whether the schema is migrated, so that dead letters can be read and redriven. */
    public boolean ready() {
        return schema.ready();
    }

    /**
     * Redrives the dead letters; a dry run checks and counts only, and what would be stored counts as stored.
     */
    public RedriveCounts redrive(List<StoredDeadLetter> letters, boolean dryRun) {
        List<Redriven> accepted = new ArrayList<>(letters.size());
        Map<String, Long> refused = new TreeMap<>();
        for (StoredDeadLetter letter : letters) {
            Decoded decoded = check.check(letter.topic(), letter.payload(), letter.receivedAt());
            if (decoded instanceof Decoded.Accepted reading) {
                accepted.add(new Redriven(letter.id(), toAccepted(reading.reading(), letter)));
            }
            else {
                refused.merge(((Decoded.Rejected) decoded).reason().code(), 1L, Long::sum);
            }
        }
        RedriveCounts counts = new RedriveCounts(0, 0, refused);
        if (dryRun) {
            return counts.plus(new RedriveCounts(accepted.size(), 0, Map.of()));
        }
        // As the live writer does: a reading the database refuses is found by halving, and stays a dead letter.
        return accepted.isEmpty() ? counts : counts.plus(RefusalIsolation.write(accepted,
                batch -> transaction.execute(status -> storeAndMark(batch)),
                (letter, refusal) -> RedriveCounts.refused(RejectReason.DATABASE_REJECTED.code(), 1),
                RedriveCounts::plus, failure -> { }));
    }

    private RedriveCounts storeAndMark(List<Redriven> batch) {
        // A redrive is not a sensor sending a reading again: copies found are not recorded as duplicates.
        MeasurementStore.Stored stored = store.store(batch.stream().map(Redriven::reading).toList(), List.of(),
                false);
        deadLetters.markRedriven(batch.stream().map(Redriven::id).toList(), clock.instant());
        return new RedriveCounts(stored.stored(), stored.duplicates(), Map.of());
    }

    private AcceptedReading toAccepted(SensorReading reading, StoredDeadLetter letter) {
        return new AcceptedReading(reading.sensorId(), reading.timestamp(), reading.value(), reading.unit(),
                classifier.classify(reading), reading.seq(), letter.receivedAt(), false);
    }

    /** A dead letter accepted now, with the reading it is. */
    private record Redriven(long id, AcceptedReading reading) {
    }
}
