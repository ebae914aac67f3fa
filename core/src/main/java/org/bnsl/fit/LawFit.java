package org.bnsl.fit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bnsl.law.FittableLaw;

/**
 * The result of fitting a law to a series: the best parameters over all starts, the objective
 * Σ wᵢ·ρ(rᵢ) they reach (summed over points), the work the best start took, and its residuals.
 * Immutable.
 */
public final class LawFit {
    private final FittableLaw law;
    private final double[] values;
    private final double objective;
    private final int iterations;
    private final int evaluations;
    private final int starts;
    private final boolean converged;
    private final String termination;
    private final double[] residuals;
    private final LawFitOptions options;

    LawFit(FittableLaw law, double[] values, double objective, int iterations, int evaluations, int starts,
        boolean converged, String termination, double[] residuals, LawFitOptions options) {
        this.law = law;
        this.values = values.clone();
        this.objective = objective;
        this.iterations = iterations;
        this.evaluations = evaluations;
        this.starts = starts;
        this.converged = converged;
        this.termination = termination;
        this.residuals = residuals.clone();
        this.options = options;
    }

    public FittableLaw law() { return law; }

    /** Parameter values in the order of {@code law().parameters()}; a copy. */
    public double[] values() { return values.clone(); }

    /** Parameter values by name, in the law's order. */
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < values.length; j++) m.put(law.parameters().get(j), values[j]);
        return Collections.unmodifiableMap(m);
    }

    /** The value of parameter {@code name}. */
    public double value(String name) {
        int j = law.parameters().indexOf(name);
        if (j < 0) throw new IllegalArgumentException("law " + law.name() + " has no parameter " + name);
        return values[j];
    }

    /** Σ wᵢ·ρ(rᵢ) at the best parameters (with the overestimate penalty applied). */
    public double objective() { return objective; }

    /** Levenberg–Marquardt iterations of the best start (plus polishing steps). */
    public int iterations() { return iterations; }

    /** Law evaluations over the whole series, summed over all starts. */
    public int evaluations() { return evaluations; }

    /** How many starts were run. */
    public int starts() { return starts; }

    /** Whether the best start met a convergence test (rather than running out of iterations). */
    public boolean converged() { return converged; }

    /** Why the best start stopped, in words. */
    public String termination() { return termination; }

    /** rᵢ = ln ŷᵢ − ln yᵢ (log space) or ŷᵢ − yᵢ (linear space), unweighted; a copy. */
    public double[] residuals() { return residuals.clone(); }

    public LawFitOptions options() { return options; }

    /** The fitted law at one point. */
    public double predict(double... x) {
        return law.value(values, x);
    }

    @Override
    public String toString() {
        return law.name() + " " + parameters() + " objective=" + objective + " (" + termination + ")";
    }
}
