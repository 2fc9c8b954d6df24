/**
 * Reprocessing from the raw archive: the {@code replay} command reads archived days, local or from the object
 * store, and sends every message through the live pipeline's checks and writer, idempotently, reconciling
 * each day with its manifest.
 */
@NullMarked
package io.github.iotpipeline.collector.replay;

import org.jspecify.annotations.NullMarked;
