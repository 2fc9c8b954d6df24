package io.github.iotpipeline.collector.analytics;

import java.time.Duration;
import java.time.Instant;

/** A stretch of time in which one generated sensor misbehaves, for the quality indicators to find. */
record SampleFault(Kind kind, Instant from, Duration length) {

    enum Kind {
        /** Readings are lost, but still use up sequence numbers. */
        OFFLINE,
        /** The sensor repeats the last value it measured before. */
        STUCK,
        /** The sensor's clock runs ahead, so ts is later than the moment the reading was received. */
        CLOCK_AHEAD,
        /** The sensor publishes each reading a second time. */
        SENT_TWICE,
        /** The broker delivers each reading a second time. */
        REDELIVERED
    }

    boolean covers(Instant ts) {
        return !ts.isBefore(from) && ts.isBefore(from.plus(length));
    }
}
