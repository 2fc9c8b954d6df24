package io.github.iotpipeline.collector.ingest;

/** Where the buffer's batches go: {@link BatchWriter} in the collector, a recording stand-in in tests. */
interface BatchSink {

    /**
     * Whether a write can succeed at all. The buffer holds its batches back until then without counting
     * failures: were waiting counted as failing, the backoff would grow while, say, the schema is migrated.
     */
    boolean ready();

    /** Writes the whole batch or throws; a batch that throws is written again later, as a whole. */
    void write(Batch batch);
}
