package io.github.iotpipeline.generator.publish;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotpipeline.generator.ReadingSubscriber;
import io.github.iotpipeline.generator.TestGenerator;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.OwnBroker;
import io.github.iotpipeline.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starting without a broker, riding out its absence, and stopping cleanly. */
@ExtendWith(OutputCaptureExtension.class)
class GeneratorLifecycleTests {

    @Test
    void startsWhileTheBrokerIsDownAndPublishesOnceItIsUp(CapturedOutput output) throws Exception {
        SensorTopics topics = new SensorTopics("outage");
        try (OwnBroker broker = TestBroker.own()) {
            broker.stop();
            try (ConfigurableApplicationContext generator = TestGenerator.start(broker.url(), topics.root(),
                    "generator-outage", "--mqtt.max-reconnect-delay=1s")) {
                MqttHealthIndicator health = generator.getBean(MqttHealthIndicator.class);
                MeterRegistry registry = generator.getBean(MeterRegistry.class);

                assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.health().getDetails()).containsEntry("url", broker.url());
                await().atMost(Duration.ofSeconds(10)).until(() -> count(registry, "dropped") >= 10);
                assertThat(output).contains("Losing readings until the broker takes them again: not connected to "
                        + broker.url());

                broker.restart();
                try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(broker.url(), topics)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.count() >= 10);
                }
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                assertThat(output).contains("Publishing readings again after losing");
            }
        }
    }

    @Test
    void stopsPublishingAndDisconnectsWhenTheContextCloses() throws Exception {
        SensorTopics topics = new SensorTopics(TestBroker.uniqueName("generator-test"));
        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(TestBroker.url(), topics)) {
            ConfigurableApplicationContext generator = TestGenerator.start(TestBroker.url(), topics.root(),
                    TestBroker.uniqueName("generator-test"));
            Mqttv5ClientManager clientManager = generator.getBean(Mqttv5ClientManager.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.count() >= 25);

            generator.close();

            assertThat(clientManager.isConnected()).isFalse();
            // Five readings arrive every 100 ms while the generator runs; once it has stopped the count must settle.
            AtomicInteger previous = new AtomicInteger(-1);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> subscriber.count() == previous.getAndSet(subscriber.count()));
        }
    }

    private static double count(MeterRegistry registry, String outcome) {
        return registry.get(PublishOutcomes.METER).tag("outcome", outcome).counter().count();
    }
}
