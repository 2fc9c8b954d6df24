/**
 * Quality flags for accepted readings, from the sensor registry: valid, out of range, or from an unknown
 * sensor. Every reading is kept; the flag tells analysts how far to trust it.
 */
@NullMarked
package io.github.iotpipeline.collector.quality;

import org.jspecify.annotations.NullMarked;
