package org.bnsl.select;

import java.util.ArrayList;
import java.util.List;

import org.bnsl.InputException;
import org.bnsl.data.Series;

/**
 * Chooses a law, or a number of BNSL breaks, by how well it extrapolates: the {@link RollingOrigin}
 * score on the training points only, never on the holdout.
 *
 * <p>Two guards keep noise in the score from costing more than choosing gains:
 * <ul>
 *   <li><b>A break must earn its place.</b> Among BNSL candidates with 0, 1, … breaks the fewest
 *       breaks whose score is within a factor {@code 1 + breakTolerance} of the best are taken.</li>
 *   <li><b>Shrinkage toward a strong default.</b> The default candidate (the first of the list) is
 *       kept unless another scores better by more than a factor {@code 1 + lawTolerance}.</li>
 * </ul>
 */
public final class ModelChoice {
    private ModelChoice() {
    }

    /** A candidate with its score; {@code error} says why it could not be scored, or is null. */
    public record Scored(Candidate candidate, double score, String error) {
    }

    /** Every candidate's score and the one chosen. */
    public record Result(List<Scored> scored, int chosen) {
        public Candidate choice() {
            return scored.get(chosen).candidate();
        }

        public double chosenScore() {
            return scored.get(chosen).score();
        }
    }

    /**
     * Scores every candidate and picks the first one whose score is within a factor
     * {@code 1 + tolerance} of the best: candidates are listed in order of preference (fewest breaks
     * first, or the strong default first).
     *
     * @throws InputException when no candidate can be scored, saying how many points are needed
     */
    public static Result choose(Series train, List<Candidate> candidates, RollingOrigin.Options options, double tolerance) {
        return pick(score(train, candidates, options), tolerance);
    }

    /** The first scored candidate within a factor {@code 1 + tolerance} of the best. */
    public static Result pick(List<Scored> scored, double tolerance) {
        double best = Double.POSITIVE_INFINITY;
        for (Scored s : scored) best = Math.min(best, s.score());
        for (int i = 0; i < scored.size(); i++) {
            if (scored.get(i).score() <= (1 + tolerance) * best) {
                return new Result(List.copyOf(scored), i);
            }
        }
        throw new IllegalStateException("no candidate has a finite score");
    }

    /**
     * Every candidate's rolling-origin score, in the order given.
     *
     * @throws InputException when no candidate can be scored, saying how many points are needed
     */
    public static List<Scored> score(Series train, List<Candidate> candidates, RollingOrigin.Options options) {
        List<Scored> scored = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int needed = Integer.MAX_VALUE;
        for (Candidate c : candidates) {
            try {
                RollingOrigin.Score s = RollingOrigin.score(train, c, options);
                scored.add(new Scored(c, s.value(), Double.isFinite(s.value()) ? null : "a fit failed at some cut"));
                best = Math.min(best, s.value());
            } catch (InputException e) {
                scored.add(new Scored(c, Double.POSITIVE_INFINITY, e.getMessage()));
                needed = Math.min(needed, RollingOrigin.pointsNeeded(c.parameters(), options));
            }
        }
        if (!Double.isFinite(best)) {
            String why = needed == Integer.MAX_VALUE ? "every candidate failed to fit at some cut"
                    : "rolling-origin validation needs at least " + needed + " training points, got " + train.size();
            throw new InputException(train.source() + ": series '" + train.name() + "': cannot choose a law: " + why);
        }
        return scored;
    }
}
