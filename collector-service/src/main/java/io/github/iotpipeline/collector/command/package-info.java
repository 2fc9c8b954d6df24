/**
 * What the collector's commands ({@code replay}, {@code redrive}) share: reading their arguments and waiting
 * for the schema before they write.
 */
@NullMarked
package io.github.iotpipeline.collector.command;

import org.jspecify.annotations.NullMarked;
