package io.github.iotpipeline.generator.simulation;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultWindowTests {

    private final FaultWindow window = new FaultWindow(ofSeconds(60), ofSeconds(20));

    @Test
    void coversTheLastDurationOfEveryPeriod() {
        assertThat(window.contains(ofSeconds(40))).isTrue();
        assertThat(window.contains(ofMillis(59_999))).isTrue();
        assertThat(window.contains(ofSeconds(100))).isTrue();
        assertThat(window.contains(ofMillis(119_999))).isTrue();
    }

    @Test
    void leavesTheRestOfEveryPeriodAlone() {
        assertThat(window.contains(Duration.ZERO)).isFalse();
        assertThat(window.contains(ofMillis(39_999))).isFalse();
        assertThat(window.contains(ofSeconds(60))).isFalse();
        assertThat(window.contains(ofMillis(99_999))).isFalse();
        assertThat(window.contains(ofSeconds(120))).isFalse();
    }

    @Test
    void refusesAWindowThatLeavesNothingOfThePeriod() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultWindow(ofSeconds(60), ofSeconds(60)));
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultWindow(ofSeconds(60), ofSeconds(61)));
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FaultWindow(ofSeconds(60), Duration.ZERO));
    }
}
