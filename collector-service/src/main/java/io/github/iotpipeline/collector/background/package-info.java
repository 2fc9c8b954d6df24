/**
 * How the collector's background work repeats and retries: tasks on threads of their own, so that a slow job
 * never delays the MQTT client, and exponential backoff for loops that wait for a server to come back.
 */
@NullMarked
package io.github.iotpipeline.collector.background;

import org.jspecify.annotations.NullMarked;
