/** PostgreSQL 17 and an MQTT broker started inside the JVM, for the local stack and the tests. */
@org.jspecify.annotations.NullMarked
package io.github.iotpipeline.embedded;
