/**
 * The database schema: Flyway migrations run in the background until the database answers, the check that the
 * entities match, and the health that reports it. Nothing is written before the schema is ready.
 */
@NullMarked
package io.github.iotpipeline.collector.schema;

import org.jspecify.annotations.NullMarked;
