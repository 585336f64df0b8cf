package io.gantry.orchestrator.tracking;

/**
 * What {@link MlflowTrackingTest} checks of what arrives in MLflow, against the MLflow 2 server
 * line, which Gantry keeps working with (its Java client is of that line).
 */
class MlflowTrackingOn2xTest extends MlflowTrackingTest {

  @Override
  String mlflowVersion() {
    return MlflowServer.PREVIOUS_VERSION;
  }
}
