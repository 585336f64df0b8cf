package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.schedule.Exploitation;
import io.gantry.orchestrator.search.Exploration;
import java.util.Random;

/**
 * How a sweep of {@code method: pbt} breeds its members as they train: when one copies another
 * ({@link Exploitation}), and what it then goes on with ({@link Exploration}); {@code random}
 * draws both, seeded by the sweep's seed.
 */
public record PopulationPlan(Exploitation exploitation, Exploration exploration, Random random) {}
