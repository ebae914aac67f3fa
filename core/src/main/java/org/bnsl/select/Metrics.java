package org.bnsl.select;

/** Error measures for predictions against observations. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Root mean squared log error, {@code sqrt(mean((ln ŷᵢ − ln yᵢ)²))}, as the BNSL paper reports
     * it (Caballero et al. 2022, code release: plain logs, not ln(1+y)). NaN if any value is not
     * positive, 0 for no points.
     */
    public static double rmsle(double[] predicted, double[] actual) {
        if (predicted.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (!(predicted[i] > 0) || !(actual[i] > 0)) {
                return Double.NaN;
            }
            double d = Math.log(predicted[i]) - Math.log(actual[i]);
            s += d * d;
        }
        return Math.sqrt(s / predicted.length);
    }

    /** Coefficient of determination, {@code 1 − Σ(ŷ − y)²/Σ(y − ȳ)²}; NaN for fewer than 2 points. */
    public static double r2(double[] predicted, double[] actual) {
        int n = actual.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (double v : actual) mean += v;
        mean /= n;
        double ssr = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            ssr += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        return 1 - ssr / sst;
    }
}
