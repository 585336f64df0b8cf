package io.gantry.protocol;

/** Marker for messages that cross process boundaries; bound to jackson-cbor in application.conf. */
public interface CborSerializable {}
