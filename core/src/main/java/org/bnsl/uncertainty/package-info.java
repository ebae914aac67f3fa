/**
 * Uncertainty of a fitted law: bootstrap refits ({@link org.bnsl.uncertainty.Bootstrap}) and the
 * percentile intervals they give for parameters and predictions
 * ({@link org.bnsl.uncertainty.BootstrapResult}).
 */
package org.bnsl.uncertainty;
