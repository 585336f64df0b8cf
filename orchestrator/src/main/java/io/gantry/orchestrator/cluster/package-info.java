/**
 * Gantry on several machines: the coordinator node that workers on other machines join ({@code
 * gantry coordinator}), the worker processes of one machine that join it ({@code gantry worker}),
 * and what the cluster looks like ({@code gantry status}).
 */
package io.gantry.orchestrator.cluster;
