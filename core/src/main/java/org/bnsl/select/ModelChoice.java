package org.bnsl.select;

import java.util.List;

/**
 * The outcome of choosing among candidates by their {@link RollingOrigin} scores: every candidate
 * with its score, and which one was picked. {@link AutoFit} makes the choice; this holds it.
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
     * The first scored candidate whose score is within a factor {@code 1 + tolerance} of the best:
     * candidates are listed in order of preference (fewest breaks first), so a more complex one
     * must beat the simpler ones by more than that factor.
     *
     * @throws IllegalStateException when no candidate has a finite score
     */
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
}
