/**
 * The raw archive: every received message, valid or not, exactly as it arrived, in one JSONL file per UTC day,
 * forced to disk before the message is acknowledged; and the reader that reads those files back.
 */
@NullMarked
package io.github.iotpipeline.collector.archive;

import org.jspecify.annotations.NullMarked;
