package io.gantry.protocol.transfer;

import io.gantry.protocol.CborSerializable;

/**
 * What was sent, for the receiver to check against what arrived.
 *
 * @param folder whether the bytes are a zip of a folder (a checkpoint) rather than one file
 * @param size how many bytes were sent
 * @param sha256 their SHA-256, in hex
 */
public record FileManifest(boolean folder, long size, String sha256) implements CborSerializable {}
