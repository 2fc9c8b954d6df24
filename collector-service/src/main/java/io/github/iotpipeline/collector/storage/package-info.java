/**
 * Writes readings, duplicates and dead letters to PostgreSQL in one transaction per batch. Entities stay in this
 * package; other packages hand it records.
 */
@NullMarked
package io.github.iotpipeline.collector.storage;

import org.jspecify.annotations.NullMarked;
