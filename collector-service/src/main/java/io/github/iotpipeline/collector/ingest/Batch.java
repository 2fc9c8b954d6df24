package io.github.iotpipeline.collector.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Messages written together. Remembers what already reached the raw archive and the database, so that a
 * retry after a partial failure neither copies nor counts anything twice.
 */
final class Batch {

    private final List<ReceivedMessage> messages;
    private final boolean replayed;
    private final Set<ReceivedMessage> stored = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean archived;

    Batch(List<ReceivedMessage> messages) {
        this(messages, false);
    }

    private Batch(List<ReceivedMessage> messages, boolean replayed) {
        this.messages = List.copyOf(messages);
        this.replayed = replayed;
        this.archived = replayed;
    }

    /** Messages read back from the raw archive: they are in it already, and nobody waits for an ack. */
    static Batch replayed(List<ReceivedMessage> messages) {
        return new Batch(messages, true);
    }

    boolean replayed() {
        return replayed;
    }

    List<ReceivedMessage> messages() {
        return messages;
    }

    int size() {
        return messages.size();
    }

    boolean archived() {
        return archived;
    }

    void markArchived() {
        archived = true;
    }

    /** The messages whose rows are not committed yet, in arrival order. */
    List<ReceivedMessage> unstored() {
        List<ReceivedMessage> left = new ArrayList<>(messages.size() - stored.size());
        for (ReceivedMessage message : messages) {
            if (!stored.contains(message)) {
                left.add(message);
            }
        }
        return left;
    }

    void markStored(List<ReceivedMessage> committed) {
        stored.addAll(committed);
    }
}
