package io.gantry.worker;

/** Who a worker is: a stable id, where it runs and on which device, with how many threads. */
public record WorkerInfo(String workerId, String host, String device, int threads, long pid)
    implements CborSerializable {}
