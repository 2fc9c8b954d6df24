/**
 * Watches the sensors from the database side: how long since each was last heard from (staleness) and how
 * many of the readings its nominal interval promises actually arrived (completeness), as metrics and as a
 * health detail. A silent sensor is the data's problem, not the collector's: it never fails a probe.
 */
@NullMarked
package io.github.iotpipeline.collector.monitoring;

import org.jspecify.annotations.NullMarked;
