/** Real servers for tests: a fresh PostgreSQL database per test class, shared and own MQTT brokers, a publisher. */
@org.jspecify.annotations.NullMarked
package io.github.iotpipeline.testsupport;
