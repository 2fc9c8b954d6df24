/**
 * The {@code redrive} command: runs dead letters of {@code rejected_messages} through today's contract, for
 * when a contract bug was fixed or a setting that refused them was wrong; what is accepted now moves into
 * {@code measurements}, and its dead letter is marked redriven, not deleted.
 */
@NullMarked
package io.github.iotpipeline.collector.redrive;

import org.jspecify.annotations.NullMarked;
