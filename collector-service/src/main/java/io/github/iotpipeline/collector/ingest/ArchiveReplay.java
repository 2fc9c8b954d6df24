package io.github.iotpipeline.collector.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.iotpipeline.collector.archive.ArchiveEntry;
import io.github.iotpipeline.collector.storage.MeasurementStore;
import io.github.iotpipeline.model.Decoded;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends archived messages through what live messages go through: the contract check, the timestamp policy,
 * quality flagging and the batch writer, but not the archive (they are in it) and not the broker (nobody
 * waits for an ack). Idempotent: a reading stored already is a duplicate, and every message counts as a
 * redelivery, so a dead letter stored already is not stored again.
 */
@Component
public class ArchiveReplay {

    private final MessageCheck check;
    private final BatchWriter writer;

    ArchiveReplay(MessageCheck check, BatchWriter writer) {
        this.check = check;
        this.writer = writer;
    }

    /** Whether the schema is migrated, so that replayed batches can be written. */
    public boolean ready() {
        return writer.ready();
    }

    /**
     * Checks the entries as one batch: the contract, the timestamp policy and the retention horizon. Safe to call
     * on another thread than {@link #write}, so that a replay can check the next batch while this one is written.
     *
     * @param keepFrom readings stamped before this are skipped (the raw retention horizon), or null for none
     */
    public Checked check(List<ArchiveEntry> entries, @Nullable Instant keepFrom) {
        List<ReceivedMessage> messages = new ArrayList<>(entries.size());
        long skipped = 0;
        for (ArchiveEntry entry : entries) {
            ReceivedMessage message = toMessage(entry);
            if (keepFrom != null && message.decoded() instanceof Decoded.Accepted accepted
                    && accepted.reading().timestamp().isBefore(keepFrom)) {
                skipped++;
            }
            else {
                messages.add(message);
            }
        }
        return new Checked(messages, skipped);
    }

    /**
     * Writes a checked batch through the batch writer.
     *
     * @param dryRun count only: what would be skipped is, the rest counts as stored
     */
    public ReplayCounts write(Checked batch, boolean dryRun) {
        if (dryRun || batch.messages.isEmpty()) {
            return new ReplayCounts(dryRun ? batch.messages.size() : 0, 0, 0, batch.skipped);
        }
        MeasurementStore.Stored stored = writer.writeCounting(Batch.replayed(batch.messages));
        return new ReplayCounts(stored.stored(), stored.duplicates(), stored.rejected(), batch.skipped);
    }

    private ReceivedMessage toMessage(ArchiveEntry entry) {
        Decoded decoded = check.check(entry.topic(), entry.payload(), entry.receivedAt());
        return new ReceivedMessage(entry.topic(), entry.payload(), entry.receivedAt(), entry.qos(), entry.retained(),
                true, decoded, null, 0);
    }

    /** A batch of archived messages, checked and ready to be written. */
    public static final class Checked {

        private final List<ReceivedMessage> messages;
        private final long skipped;

        private Checked(List<ReceivedMessage> messages, long skipped) {
            this.messages = messages;
            this.skipped = skipped;
        }
    }
}
