package org.bnsl.uncertainty;

/**
 * A percentile interval for one parameter.
 *
 * @param name     the parameter's name in its law
 * @param estimate the original fit's value
 * @param lo       the (1 − level)/2 percentile of the resampled values
 * @param hi       the (1 + level)/2 percentile
 */
public record ParameterInterval(String name, double estimate, double lo, double hi) {

    public boolean contains(double v) {
        return lo <= v && v <= hi;
    }
}
