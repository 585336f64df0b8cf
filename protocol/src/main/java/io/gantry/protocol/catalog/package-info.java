/**
 * The catalog of models: {@link io.gantry.protocol.catalog.ModelCatalog} says what each model kind
 * accepts (its {@link io.gantry.protocol.catalog.ParamDef parameters}, with types, defaults and
 * choices), which data it trains on and which metrics it reports, so that the coordinator checks a
 * sweep file before anything runs; {@link io.gantry.protocol.catalog.Hyperparams} resolves a
 * trial's parameters against it, as the worker's recipes read them, so the two cannot drift apart.
 */
package io.gantry.protocol.catalog;
