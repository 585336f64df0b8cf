/** The {@code gantry} command line: run, validate, show and list sweeps. */
package io.gantry.orchestrator.cli;
