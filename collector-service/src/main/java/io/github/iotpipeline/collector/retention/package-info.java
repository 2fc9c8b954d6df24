/**
 * Expiry of raw measurements older than the configured retention. The rollups, sensor_activity and the raw
 * archive files are never touched: analysts keep minutes, hours and days, operators keep the files.
 */
@NullMarked
package io.github.iotpipeline.collector.retention;

import org.jspecify.annotations.NullMarked;
