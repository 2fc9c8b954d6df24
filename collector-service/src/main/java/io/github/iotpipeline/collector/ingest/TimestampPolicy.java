package io.github.iotpipeline.collector.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.iotpipeline.model.Decoded;
import io.github.iotpipeline.model.RejectReason;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Refuses readings whose timestamp cannot be right: before {@code earliest}, or more than
 * {@code maxAhead} ahead of the moment the collector received them. A device clock that is a little
 * fast is kept (and shows up as clock skew); one that is a year off, or a timestamp in seconds where
 * milliseconds were meant, is not.
 */
@Component
class TimestampPolicy {

    private final Properties properties;

    TimestampPolicy(Properties properties) {
        this.properties = properties;
    }

    Decoded check(Decoded decoded, Instant receivedAt) {
        if (!(decoded instanceof Decoded.Accepted accepted)) {
            return decoded;
        }
        Instant ts = accepted.reading().timestamp();
        if (ts.isBefore(properties.earliest())) {
            return Decoded.rejected(RejectReason.TIMESTAMP_OUT_OF_RANGE, "'timestamp' " + ts + " is before "
                    + properties.earliest() + hint(ts));
        }
        Instant latest = receivedAt.plus(properties.maxAhead());
        if (ts.isAfter(latest)) {
            return Decoded.rejected(RejectReason.TIMESTAMP_OUT_OF_RANGE, "'timestamp' " + ts + " is more than "
                    + properties.maxAhead() + " ahead of its receipt at " + receivedAt);
        }
        return decoded;
    }

    /** Epoch seconds taken for milliseconds land in January 1970: say so. */
    private static String hint(Instant ts) {
        return ts.atZone(ZoneOffset.UTC).getYear() == 1970 ? " (epoch seconds read as milliseconds?)" : "";
    }

    /**
     * The plausible window of reading timestamps.
     *
     * @param earliest readings older than this are refused
     * @param maxAhead readings further than this ahead of their receipt are refused
     */
    @ConfigurationProperties("collector.timestamps")
    record Properties(
            @DefaultValue("2000-01-01T00:00:00Z") Instant earliest,
            @DefaultValue("1d") Duration maxAhead) {
    }
}
