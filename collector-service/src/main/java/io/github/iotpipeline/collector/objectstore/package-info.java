/**
 * Long-term storage of the raw archive in an S3-compatible object store: each closed day and its manifest are
 * uploaded under a key naming the collector instance, verified, and only then, after a local retention,
 * removed from the collector's disk. Optional: without a bucket nothing here runs.
 */
@NullMarked
package io.github.iotpipeline.collector.objectstore;

import org.jspecify.annotations.NullMarked;
