package io.github.iotpipeline.collector.ingest;

import java.util.List;

/** Messages written together. Remembers whether they reached the raw archive, so a retry does not copy them twice. */
final class Batch {

    private final List<ReceivedMessage> messages;
    private boolean archived;

    Batch(List<ReceivedMessage> messages) {
        this.messages = List.copyOf(messages);
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
}
