package io.github.iotpipeline.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The parser every test reads {@code /actuator/prometheus} with, on text shaped as Micrometer writes it. */
class PrometheusTextTests {

    private static final String SCRAPE = """
            # HELP collector_messages_received_total Messages received
            # TYPE collector_messages_received_total counter
            collector_messages_received_total 7.0
            collector_messages_received_total_created 1.7E9
            # TYPE collector_messages_rejected_total counter
            collector_messages_rejected_total{reason="invalid json"} 2.0
            collector_messages_rejected_total{reason="unknown sensor, {braced}"} 1.0
            collector_messages_rejected_total{reason="quoted \\"x\\" and \\\\"} 4.0 1700000000000

            collector_sensor_silent{sensor="sensor-1",type="temperature"} 0.0
            collector_sensor_silent{sensor="sensor-10",type="temperature"} 1.0
            collector_reading_latency_seconds_bucket{le="+Inf"} 3
            collector_sensor_staleness_seconds{sensor="sensor-2"} +Inf
            collector_sensor_completeness_ratio{sensor="sensor-2"} NaN
            """;

    private final PrometheusText scrape = PrometheusText.parse(SCRAPE);

    @Test
    void sumsEverySeriesOfAMetricWhateverItsLabels() {
        assertThat(scrape.sum("collector_messages_rejected_total")).isEqualTo(7.0);
    }

    @Test
    void countsOnlyTheMetricOfThatExactNameNotThoseItPrefixes() {
        assertThat(scrape.sum("collector_messages_received_total")).isEqualTo(7.0);
        assertThat(scrape.sum("collector_messages_received")).isZero();
    }

    @Test
    void tellsAMetricWithoutSeriesFromOneAtZero() {
        assertThat(scrape.sum("collector_readings_stored_total")).isZero();
        assertThat(scrape.has("collector_readings_stored_total")).isFalse();
        assertThat(scrape.has("collector_sensor_silent")).isTrue();
        assertThat(scrape.names()).startsWith("collector_messages_received_total",
                "collector_messages_received_total_created", "collector_messages_rejected_total");
    }

    @Test
    void findsTheSeriesWithAnExactLabelValue() {
        assertThat(scrape.value("collector_sensor_silent", "sensor", "sensor-1")).hasValue(0.0);
        assertThat(scrape.value("collector_sensor_silent", "sensor", "sensor-10")).hasValue(1.0);
        assertThat(scrape.value("collector_sensor_silent", "sensor", "sensor-3")).isEmpty();
        assertThat(scrape.value("collector_messages_rejected_total", "reason", "quoted \"x\" and \\")).hasValue(4.0);
        assertThat(scrape.value("collector_messages_rejected_total", "reason", "unknown sensor, {braced}"))
                .hasValue(1.0);
    }

    @Test
    void readsInfinityAndNotANumberAsPrometheusWritesThem() {
        assertThat(scrape.value("collector_sensor_staleness_seconds", "sensor", "sensor-2"))
                .hasValue(Double.POSITIVE_INFINITY);
        assertThat(scrape.value("collector_sensor_completeness_ratio", "sensor", "sensor-2")).hasValue(Double.NaN);
        assertThat(scrape.value("collector_reading_latency_seconds_bucket", "le", "+Inf")).hasValue(3.0);
    }

    @Test
    void failsOnALineThatIsNoSampleRatherThanSkippingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PrometheusText.parse("collector_buffer_messages{sensor=\"s\" 1.0"))
                .withMessageContaining("collector_buffer_messages{sensor=\"s\" 1.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PrometheusText.parse("collector_buffer_messages one"))
                .withMessageContaining("collector_buffer_messages one");
    }
}
