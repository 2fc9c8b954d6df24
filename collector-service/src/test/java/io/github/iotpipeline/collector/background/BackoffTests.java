package io.github.iotpipeline.collector.background;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTests {

    @Test
    void doublesEachWaitUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void startsFromTheFirstWaitAgainAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void waitsTheFirstTimeInFullEvenWhenItExceedsTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(20), Duration.ofSeconds(15));

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void refusesNegativeWaits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ZERO));
    }
}
