/**
 * The collector application: subscribes to sensor readings, validates them, and keeps every one in PostgreSQL
 * and in daily raw files before acknowledging it to the broker. Each feature lives in a package of its own.
 */
@NullMarked
package io.github.iotpipeline.collector;

import org.jspecify.annotations.NullMarked;
