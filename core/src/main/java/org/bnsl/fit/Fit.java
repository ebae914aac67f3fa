package org.bnsl.fit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bnsl.law.Law;

/**
 * The result of fitting a {@link Law} to a series: the parameters, the objective reached and how the
 * optimiser got there. Immutable.
 */
public final class Fit {
    private final Law law;
    private final double[] parameters;
    private final Objective objective;
    private final double loss;
    private final int points;
    private final int starts;
    private final int evaluations;
    private final String termination;
    private final double xOffset;
    private final String lossFunction;
    private final List<String> warnings;
    private final Convergence convergence;

    /**
     * How the winning run of a fit ended.
     *
     * @param converged    whether Levenberg–Marquardt met its tolerances (a run stopped by the
     *                     iteration limit is continued first; false if it still had not)
     * @param iterations   the winning run's iterations, continuations included
     * @param gradientNorm the Euclidean norm of the objective's gradient at the result, in the
     *                     coordinates the fitter moves (ln p for a positive scale, p otherwise), over
     *                     the free parameters not on a bound: near 0 at a minimum
     * @param flags        the parameters that ended on a bound, collapsed to 0 or where they started
     * @param bounds       the bounds each free parameter was kept in, and where each end came from
     */
    public record Convergence(boolean converged, int iterations, double gradientNorm, List<Flag> flags,
                              List<Range> bounds) {
        public Convergence {
            flags = List.copyOf(flags);
            bounds = List.copyOf(bounds);
        }
    }

    /**
     * The range a free parameter was fitted in. Each end's source is {@code law} (the law's own
     * range: an exponent's [−10, 10], a positive scale's 0, or none), {@code data} (a default read
     * off the data: a floor at most min y, a ceiling at least max y), {@code sign} (a formula's
     * scale, positive by default) or {@code user} ({@code --bound}).
     */
    public record Range(String parameter, double lower, double upper, String lowerSource, String upperSource) {
        /** Whether an end is a finite default the user did not give: what the output states. */
        public boolean isDefault() {
            return (Double.isFinite(lower) && !lowerSource.equals("user")) || (Double.isFinite(upper) && !upperSource.equals("user"));
        }
    }

    /**
     * One suspect parameter of a fit.
     *
     * @param parameter the parameter's name
     * @param kind      {@code on_bound}, {@code collapsed} (a scale fell towards 0) or {@code unmoved}
     *                  (it ended where its run started: the data do not determine it)
     * @param message   the sentence, as in {@link #warnings()}
     */
    public record Flag(String parameter, String kind, String message) {
    }

    /**
     * @param loss        the objective at the optimum, {@code Σ wᵢ·ρ(rᵢ)} in the objective's space
     * @param points      how many points were fitted
     * @param starts      how many starting points the optimiser ran from
     * @param evaluations total model evaluations over all starts
     * @param termination why the winning run stopped, in words
     * @param xOffset     the shift S of {@code --x-offset}: the law is evaluated at x + S
     */
    public Fit(Law law, double[] parameters, Objective objective, double loss, int points, int starts,
            int evaluations, String termination, double xOffset) {
        this(law, parameters, objective, loss, points, starts, evaluations, termination, xOffset, "squared");
    }

    /** As above, naming the per-residual loss ({@code squared} or {@code huber(δ)}). */
    public Fit(Law law, double[] parameters, Objective objective, double loss, int points, int starts,
            int evaluations, String termination, double xOffset, String lossFunction) {
        this(law, parameters, objective, loss, points, starts, evaluations, termination, xOffset, lossFunction, List.of());
    }

    /** As above, with warnings about the fit, one sentence each (see {@link #warnings()}). */
    public Fit(Law law, double[] parameters, Objective objective, double loss, int points, int starts,
            int evaluations, String termination, double xOffset, String lossFunction, List<String> warnings) {
        this(law, parameters, objective, loss, points, starts, evaluations, termination, xOffset, lossFunction, warnings, null);
    }

    private Fit(Law law, double[] parameters, Objective objective, double loss, int points, int starts,
            int evaluations, String termination, double xOffset, String lossFunction, List<String> warnings,
            Convergence convergence) {
        if (parameters.length != law.parameterCount()) {
            throw new IllegalArgumentException("expected " + law.parameterCount() + " parameters");
        }
        this.law = law;
        this.parameters = parameters.clone();
        this.objective = objective;
        this.loss = loss;
        this.points = points;
        this.starts = starts;
        this.evaluations = evaluations;
        this.termination = termination;
        this.xOffset = xOffset;
        this.lossFunction = lossFunction;
        this.warnings = List.copyOf(warnings);
        this.convergence = convergence;
    }

    /** How the winning run ended, where the fitter reports it (Levenberg–Marquardt fits of {@code LawFitter}). */
    public java.util.Optional<Convergence> convergence() {
        return java.util.Optional.ofNullable(convergence);
    }

    /** The same fit with this convergence report. */
    public Fit withConvergence(Convergence c) {
        return new Fit(law, parameters, objective, loss, points, starts, evaluations, termination, xOffset, lossFunction,
                warnings, c);
    }

    /**
     * What the fitter found suspect, one sentence each (empty when nothing): a parameter that did not
     * move from its start (the data do not determine it) or that ended on a bound (the optimum may lie
     * beyond it). Immutable.
     */
    public List<String> warnings() { return warnings; }

    /** The same fit with these warnings. */
    public Fit withWarnings(List<String> w) {
        return new Fit(law, parameters, objective, loss, points, starts, evaluations, termination, xOffset, lossFunction, w,
                convergence);
    }

    /** The per-residual loss that was summed: {@code squared} or {@code huber(δ)}. */
    public String lossFunction() { return lossFunction; }

    public Law law() { return law; }

    /** The parameters in the law's order; a copy. */
    public double[] parameters() { return parameters.clone(); }

    public double parameter(String name) {
        int k = law.parameters().indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("no parameter " + name + " in " + law.name());
        }
        return parameters[k];
    }

    /** Parameter values by name, in the law's order. */
    public Map<String, Double> parameterMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        List<String> names = law.parameters();
        for (int k = 0; k < names.size(); k++) {
            m.put(names.get(k), parameters[k]);
        }
        return m;
    }

    public Objective objective() { return objective; }

    public double loss() { return loss; }

    public int points() { return points; }

    public int starts() { return starts; }

    public int evaluations() { return evaluations; }

    public String termination() { return termination; }

    public double xOffset() { return xOffset; }

    /** The same fit, made on x + {@code s}: predictions shift their input by s. */
    public Fit withXOffset(double s) {
        return new Fit(law, parameters, objective, loss, points, starts, evaluations, termination, s, lossFunction, warnings,
                convergence);
    }

    /**
     * The fitted law at one point (x + S for each variable when an offset was used): one value per
     * variable of the law, in its order. A point outside the law's domain gives NaN here (the fitters
     * evaluate trial points); {@code org.bnsl.io.Model#predict} checks the domain for callers.
     *
     * @throws IllegalArgumentException if the number of values is not the law's number of variables
     */
    public double predict(double... x) {
        if (x.length != law.variables().size()) {
            throw new IllegalArgumentException("law '" + law.name() + "' takes " + law.variables().size() + " value(s) ("
                    + String.join(", ", law.variables()) + "), got " + x.length);
        }
        if (xOffset == 0) {
            return law.value(parameters, x);
        }
        double[] shifted = x.clone();
        for (int j = 0; j < shifted.length; j++) {
            shifted[j] += xOffset;
        }
        return law.value(parameters, shifted);
    }
}
