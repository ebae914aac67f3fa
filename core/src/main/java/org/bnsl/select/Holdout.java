package org.bnsl.select;

import org.bnsl.InputException;
import org.bnsl.data.Series;

/**
 * A split of a series into the points a law is fitted on and the points held back to score its
 * extrapolation. Immutable.
 *
 * @param train   the points fitted
 * @param holdout the points predicted and scored (may be empty)
 */
public record Holdout(Series train, Series holdout) {

    /** No holdout: every point is fitted. */
    public static Holdout none(Series s) {
        return new Holdout(s, s.select(new boolean[s.size()]));
    }

    /**
     * The points with {@code held[i]} are held out (the CLI's {@code --holdout-where}).
     *
     * @throws InputException when no point is left to fit
     */
    public static Holdout of(Series s, boolean[] held, String why) {
        boolean[] train = new boolean[s.size()];
        int kept = 0;
        for (int i = 0; i < s.size(); i++) {
            train[i] = !held[i];
            if (train[i]) kept++;
        }
        if (kept == 0) {
            throw new InputException(s.source() + ": series '" + s.name() + "': every point is held out by " + why
                    + "; none is left to fit");
        }
        return new Holdout(s.select(train), s.select(held));
    }

    /**
     * Points with x &gt; {@code threshold} are held out (the CLI's {@code --holdout-above X}).
     *
     * @throws InputException when no point is left to fit
     */
    public static Holdout above(Series s, double threshold) {
        boolean[] train = new boolean[s.size()];
        boolean[] held = new boolean[s.size()];
        int kept = 0;
        for (int i = 0; i < s.size(); i++) {
            train[i] = !(s.x(0, i) > threshold);
            held[i] = !train[i];
            if (train[i]) kept++;
        }
        if (kept == 0) {
            throw new InputException(s.source() + ": series '" + s.name() + "': no points at or below --holdout-above "
                    + org.bnsl.Numbers.format(threshold) + " are left to fit");
        }
        return new Holdout(s.select(train), s.select(held));
    }
}
