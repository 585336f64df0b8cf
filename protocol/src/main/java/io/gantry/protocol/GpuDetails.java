package io.gantry.protocol;

/**
 * The GPU a {@code gpu:N} worker drives, as its process found it at start: what CUDA sees and what
 * the driver says about the device.
 *
 * @param name the device's name, as {@code nvidia-smi} gives it ({@code NVIDIA H200})
 * @param memoryBytes the device's memory
 * @param cudaVersion the CUDA runtime libtorch was built with, as {@code 12.6}
 * @param driverVersion the NVIDIA driver's version, or {@code unknown} when {@code nvidia-smi} does not answer
 * @param libtorch where the worker loaded libtorch from, with its build ({@code 2.7.1 cu128 from /...})
 */
public record GpuDetails(String name, long memoryBytes, String cudaVersion, String driverVersion, String libtorch)
    implements CborSerializable {}
