package io.github.iotpipeline.collector.archive;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the pipeline holds that may not be in the archive yet. A day is closed only once nothing received on
 * it is held any more, so that its messages reach its file before the file is compressed.
 */
@FunctionalInterface
public interface ArchiveBacklog {

    /** The receive time of the oldest message held and not yet written, or null when none is held. */
    @Nullable Instant oldestHeld();
}
