package io.github.iotpipeline.collector.ingest;

import java.time.Instant;

import io.github.iotpipeline.collector.archive.ArchiveBacklog;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Tells the archive what the buffer still holds, so that no day is closed before its messages are in. */
@Component
class BufferBacklog implements ArchiveBacklog {

    private final ReadingBuffer buffer;

    BufferBacklog(ReadingBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public @Nullable Instant oldestHeld() {
        return buffer.status().oldest();
    }
}
