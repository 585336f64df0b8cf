/** Running a sweep on this machine: storing it, the coordinator's node, local worker processes, progress. */
package io.gantry.orchestrator.run;
