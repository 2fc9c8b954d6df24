package io.github.iotpipeline.collector.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.iotpipeline.collector.archive.RawArchive;
import io.github.iotpipeline.collector.quality.QualityClassifier;
import io.github.iotpipeline.collector.schema.SchemaMigration;
import io.github.iotpipeline.collector.storage.AcceptedReading;
import io.github.iotpipeline.collector.storage.DeadLetter;
import io.github.iotpipeline.collector.storage.MeasurementStore;
import io.github.iotpipeline.model.Decoded;
import io.github.iotpipeline.model.RejectReason;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes one batch in the order that makes a crash harmless: raw archive (synced to disk), then the
 * database, then the acknowledgements. A crash before the last step means the broker redelivers, the
 * archive gets the line again and the database ignores the repeat.
 * <p>
 * A row the database refuses (a data error, not an outage) must not hold back the rest: the batch is
 * split in halves until the refused message stands alone, and that one goes to {@code rejected_messages}
 * with the database's reason.
 */
@Component
class BatchWriter implements BatchSink {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final RawArchive archive;
    private final MeasurementStore store;
    private final QualityClassifier classifier;
    private final Acknowledger acknowledger;
    private final IngestMetrics metrics;
    private final SchemaMigration schema;
    private final SensorTopics topics;

    BatchWriter(RawArchive archive, MeasurementStore store, QualityClassifier classifier, Acknowledger acknowledger,
            IngestMetrics metrics, SchemaMigration schema, SensorTopics topics) {
        this.schema = schema;
        this.topics = topics;
        this.archive = archive;
        this.store = store;
        this.classifier = classifier;
        this.acknowledger = acknowledger;
        this.metrics = metrics;
    }

    /**
     * Not before the schema is migrated, which happens in the background while the collector starts (and waits
     * for a database that is not up yet).
     */
    @Override
    public boolean ready() {
        return schema.ready();
    }

    @Override
    public void write(Batch batch) {
        writeCounting(batch);
    }

    /** Writes the batch; returns what the database made of the messages this attempt stored. */
    MeasurementStore.Stored writeCounting(Batch batch) {
        long started = System.nanoTime();
        if (!batch.archived()) {
            metrics.archived(archive.append(batch.messages().stream().map(ReceivedMessage::archiveEntry).toList()));
            batch.markArchived();
        }
        if (!schema.ready()) {
            throw new IllegalStateException("The schema is not migrated yet: " + schema.problem());
        }
        List<ReceivedMessage> unstored = batch.unstored();
        MeasurementStore.Stored stored = unstored.isEmpty() ? MeasurementStore.Stored.NONE
                : storeIsolatingRefusals(batch, unstored);
        acknowledger.acknowledge(batch.messages());
        metrics.flushed(batch.size(), System.nanoTime() - started);
        return stored;
    }

    private MeasurementStore.Stored storeIsolatingRefusals(Batch batch, List<ReceivedMessage> messages) {
        return RefusalIsolation.write(messages,
                part -> {
                    MeasurementStore.Stored stored = storeAsIs(part, batch.replayed());
                    batch.markStored(part);
                    return stored;
                },
                (message, refusal) -> {
                    MeasurementStore.Stored stored = storeAsRefused(message, refusal);
                    batch.markStored(List.of(message));
                    return stored;
                },
                MeasurementStore.Stored::plus,
                failure -> metrics.writeFailed(failure, !WriteFailures.isCausedByData(failure)));
    }

    /** Stores the messages in one transaction; a replay records no copies, which are its very purpose. */
    private MeasurementStore.Stored storeAsIs(List<ReceivedMessage> messages, boolean replayed) {
        List<AcceptedReading> readings = new ArrayList<>(messages.size());
        List<DeadLetter> rejected = new ArrayList<>();
        List<Instant> timestamps = new ArrayList<>(messages.size());
        for (ReceivedMessage message : messages) {
            if (message.decoded() instanceof Decoded.Accepted accepted) {
                SensorReading reading = accepted.reading();
                readings.add(new AcceptedReading(reading.sensorId(), reading.timestamp(), reading.value(),
                        reading.unit(), classifier.classify(reading), reading.seq(), message.receivedAt(),
                        message.duplicate()));
                timestamps.add(reading.timestamp());
            }
            else {
                Decoded.Rejected refusal = (Decoded.Rejected) message.decoded();
                rejected.add(toRejected(message, refusal.reason(), refusal.detail()));
            }
        }
        MeasurementStore.Stored stored = store.store(readings, rejected, !replayed);
        metrics.stored(stored);
        if (!replayed) {
            metrics.committed(timestamps);
        }
        return stored;
    }

    private MeasurementStore.Stored storeAsRefused(ReceivedMessage message, RuntimeException refusal) {
        String reason = WriteFailures.describe(refusal);
        log.warn("PostgreSQL refused a message from {}; it goes to rejected_messages: {}", message.topic(), reason);
        MeasurementStore.Stored stored = store.store(List.of(),
                List.of(toRejected(message, RejectReason.DATABASE_REJECTED, reason)), true);
        metrics.stored(stored);
        return stored;
    }

    private DeadLetter toRejected(ReceivedMessage message, RejectReason reason, String detail) {
        String sensorId = topics.sensorIdOf(message.topic()).orElse(null);
        return new DeadLetter(message.receivedAt(), message.topic(), sensorId, reason.code(), detail,
                message.payload(), message.duplicate());
    }
}
