package io.github.iotpipeline.collector.ingest;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Acknowledges stored messages to the broker, in arrival order, on the connection they came on. */
@Component
class Acknowledger {

    private static final Logger log = LoggerFactory.getLogger(Acknowledger.class);

    private final MqttConnectionState connection;
    private final IngestMetrics metrics;

    Acknowledger(MqttConnectionState connection, IngestMetrics metrics) {
        this.connection = connection;
        this.metrics = metrics;
    }

    void acknowledge(List<ReceivedMessage> messages) {
        long current = connection.current();
        int sent = 0;
        int skipped = 0;
        for (ReceivedMessage message : messages) {
            if (message.acknowledgment() == null) {
                continue;
            }
            if (message.connection() != current) {
                skipped++;
                continue;
            }
            try {
                message.acknowledgment().acknowledge();
                sent++;
            }
            catch (RuntimeException ex) {
                // Stored already; the broker redelivers it and the duplicate is ignored.
                skipped++;
                log.debug("Acknowledgement failed, the broker will redeliver: {}", ex.getMessage());
            }
        }
        metrics.acknowledged(sent, skipped);
        if (skipped > 0) {
            log.info("{} stored messages came on an earlier connection or could not be acknowledged;"
                    + " the broker will redeliver them and the repeats are ignored", skipped);
        }
    }
}
