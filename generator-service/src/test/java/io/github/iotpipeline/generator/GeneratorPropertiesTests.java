package io.github.iotpipeline.generator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Config.class);

    @Test
    void defaultsToFiveSensorsOnceASecond() {
        runner.run(context -> assertThat(context.getBean(GeneratorProperties.class))
                .isEqualTo(new GeneratorProperties(5, Duration.ofSeconds(1), 0.005, null, 1, 1000)));
    }

    @Test
    void leavesTheSeedUnsetWhenTheEnvironmentGivesAnEmptyOne() {
        runner.withPropertyValues("generator.seed=", "generator.interval=250ms")
                .run(context -> {
                    GeneratorProperties properties = context.getBean(GeneratorProperties.class);
                    assertThat(properties.seed()).isNull();
                    assertThat(properties.interval()).isEqualTo(Duration.ofMillis(250));
                });
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertRefused("generator.sensor-count=0");
        assertRefused("generator.interval=0ms");
        assertRefused("generator.spike-probability=1.5");
        assertRefused("generator.qos=3");
        assertRefused("generator.max-inflight=0");
    }

    private void assertRefused(String property) {
        runner.withPropertyValues(property).run(context -> assertThat(context)
                .as(property)
                .hasFailed()
                .getFailure().rootCause().hasMessageContaining(property.substring(0, property.indexOf('='))));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GeneratorProperties.class)
    static class Config {
    }
}
