package io.github.iotpipeline.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SensorTopicsTests {

    @Test
    void buildsAndParsesTheDefaultLayout() {
        assertThat(SensorTopics.DEFAULT.topicFor("sensor-1")).isEqualTo("sensors/sensor-1/readings");
        assertThat(SensorTopics.DEFAULT.subscription()).isEqualTo("sensors/+/readings");
        assertThat(SensorTopics.DEFAULT.sensorIdOf("sensors/sensor-1/readings")).contains("sensor-1");
    }

    @Test
    void keepsTopicsUnderARoot() {
        SensorTopics topics = new SensorTopics("test-42");

        assertThat(topics.topicFor("a")).isEqualTo("test-42/sensors/a/readings");
        assertThat(topics.subscription()).isEqualTo("test-42/sensors/+/readings");
        assertThat(topics.sensorIdOf("test-42/sensors/a/readings")).contains("a");
        assertThat(topics.sensorIdOf("sensors/a/readings")).isEmpty();
    }

    @Test
    void refusesTopicsThatAreNotReadings() {
        assertThat(SensorTopics.DEFAULT.sensorIdOf("sensors//readings")).isEmpty();
        assertThat(SensorTopics.DEFAULT.sensorIdOf("sensors/a/b/readings")).isEmpty();
        assertThat(SensorTopics.DEFAULT.sensorIdOf("sensors/a/status")).isEmpty();
    }

    @Test
    void refusesWildcardsInTheRoot() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SensorTopics("a/+"));
    }
}
