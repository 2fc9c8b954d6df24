/**
 * The inbound pipeline: the MQTT subscription and flow, the contract check, the buffer and its writer thread,
 * the batch writer (archive, database, acknowledgements, in that order), and their health and metrics.
 */
@NullMarked
package io.github.iotpipeline.collector.ingest;

import org.jspecify.annotations.NullMarked;
