/**
 * What the coordinator and its workers tell each other across nodes: {@link
 * io.gantry.protocol.WorkerCommand} (a trial to run, the checkpoint it resumes from, a stop) and
 * {@link io.gantry.protocol.WorkerEvent} (ready for work, progress, files, the end of a trial),
 * with the service keys under which they find each other. Every message is a record marked {@link
 * io.gantry.protocol.CborSerializable} and travels as Jackson CBOR. Neither side's logic lives
 * here, and nothing here trains: the coordinator's node carries this module and no DJL.
 */
package io.gantry.protocol;
