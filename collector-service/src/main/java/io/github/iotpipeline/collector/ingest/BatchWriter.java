package io.github.iotpipeline.collector.ingest;

import java.util.ArrayList;
import java.util.List;

import io.github.iotpipeline.collector.archive.RawArchive;
import io.github.iotpipeline.collector.quality.QualityClassifier;
import io.github.iotpipeline.collector.storage.Measurement;
import io.github.iotpipeline.collector.storage.MeasurementStore;
import io.github.iotpipeline.collector.storage.RejectedMessage;
import io.github.iotpipeline.model.Decoded;
import io.github.iotpipeline.model.SensorReading;
import org.springframework.stereotype.Component;

/**
 * Writes one batch in the order that makes a crash harmless: raw archive (flushed to disk), then one
 * database transaction, then the acknowledgements. A crash before the last step means the broker redelivers,
 * the archive gets the line again and the database ignores the repeat.
 */
@Component
class BatchWriter {

    private final RawArchive archive;
    private final MeasurementStore store;
    private final QualityClassifier classifier;
    private final Acknowledger acknowledger;
    private final IngestMetrics metrics;

    BatchWriter(RawArchive archive, MeasurementStore store, QualityClassifier classifier, Acknowledger acknowledger,
            IngestMetrics metrics) {
        this.archive = archive;
        this.store = store;
        this.classifier = classifier;
        this.acknowledger = acknowledger;
        this.metrics = metrics;
    }

    void write(Batch batch) {
        long started = System.nanoTime();
        if (!batch.archived()) {
            metrics.archived(archive.append(batch.messages()));
            batch.markArchived();
        }
        List<Measurement> measurements = new ArrayList<>(batch.size());
        List<RejectedMessage> rejected = new ArrayList<>();
        for (ReceivedMessage message : batch.messages()) {
            if (message.decoded() instanceof Decoded.Accepted accepted) {
                measurements.add(toMeasurement(accepted.reading(), message));
            }
            else {
                rejected.add(toRejected((Decoded.Rejected) message.decoded(), message));
            }
        }
        MeasurementStore.Stored stored = store.store(measurements, rejected);
        metrics.stored(stored, rejected);
        acknowledger.acknowledge(batch.messages());
        metrics.flushed(batch.size(), System.nanoTime() - started);
    }

    private Measurement toMeasurement(SensorReading reading, ReceivedMessage message) {
        return new Measurement(reading.sensorId(), reading.timestamp(), reading.value(), reading.unit(),
                classifier.classify(reading), reading.seq(), message.receivedAt());
    }

    private static RejectedMessage toRejected(Decoded.Rejected rejected, ReceivedMessage message) {
        return new RejectedMessage(message.receivedAt(), message.topic(), rejected.reason().code(), rejected.detail(),
                message.payload());
    }
}
