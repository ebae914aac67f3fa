package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bnsl.fit.Fit;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Metrics;
import org.bnsl.select.ModelChoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The renderings of a comparison of candidate laws ({@code bnsl compare}): each curve's candidates
 * of an automatic choice side by side, with their extrapolation score and their train RMSLE.
 */
public final class ComparisonReport {
    private ComparisonReport() {
    }

    /**
     * The law {@code bnsl compare} fits from its {@code --law}, {@code --formula} and {@code --breaks}:
     * {@code auto} when none is given, else the one given; a comparison chooses among laws, so a law,
     * formula or break count of one's own is refused (an {@link org.bnsl.io.OptionException}).
     */
    public static String lawToCompare(String law, String formula, String breaks) {
        if (formula != null || (law != null && !law.equals("auto")) || (breaks != null && !breaks.equals("auto"))) {
            String option = formula != null ? "--formula" : law != null && !law.equals("auto") ? "--law" : "--breaks";
            throw new org.bnsl.io.OptionException(option,
                    "compare chooses among laws: give --law auto (the default) or --breaks auto; to fit one law, use 'bnsl fit'");
        }
        return law == null && breaks == null ? "auto" : law;
    }

    /** For each curve, the train RMSLE of each candidate (refitted on the training points; NaN where it could not be scored). */
    public static List<double[]> trainErrors(List<Extrapolation> results) {
        List<double[]> trainErrors = new ArrayList<>();
        for (Extrapolation e : results) {
            List<ModelChoice.Scored> scored = e.choice().scored();
            double[] errs = new double[scored.size()];
            for (int i = 0; i < errs.length; i++) {
                errs[i] = Double.NaN;
                if (Double.isFinite(scored.get(i).score())) {
                    Fit f = scored.get(i).candidate().fitter().apply(e.train());
                    errs[i] = Metrics.rmsle(predict(f, e), e.train().y());
                }
            }
            trainErrors.add(errs);
        }
        return trainErrors;
    }

    /** The JSON of {@code bnsl compare --json}: {@code fit --json}'s, with each candidate's train RMSLE. */
    public static ObjectNode json(List<Extrapolation> results, Map<String, String> columns, List<double[]> trainErrors) {
        ObjectNode root = FitReport.json(results, columns);
        JsonNode series = root.get("series");
        for (int g = 0; g < results.size(); g++) {
            JsonNode cands = series.get(g).get("candidates");
            for (int i = 0; i < cands.size(); i++) {
                Json.putNumber((ObjectNode) cands.get(i), "train_rmsle", trainErrors.get(g)[i]);
            }
        }
        return root;
    }

    private static double[] predict(Fit f, Extrapolation e) {
        double[] p = new double[e.train().size()];
        for (int i = 0; i < p.length; i++) p[i] = f.predict(e.train().point(i));
        return p;
    }

    /** The text of {@code bnsl compare}: each curve's candidates with score, parameters and train RMSLE, the choice marked. */
    public static String text(List<Extrapolation> results, List<double[]> trainErrors) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < results.size(); g++) {
            Extrapolation e = results.get(g);
            sb.append("series ").append(e.train().name()).append(": ").append(e.train().size()).append(" training points");
            if (e.holdout().size() > 0) sb.append(", ").append(e.holdout().size()).append(" held out");
            sb.append('\n');
            sb.append(String.format(Locale.ROOT, "  %-3s %-18s %-18s %-7s %-11s %s%n", "", "candidate", "extrapolation score",
                    "params", "train RMSLE", ""));
            List<ModelChoice.Scored> scored = e.choice().scored();
            for (int i = 0; i < scored.size(); i++) {
                ModelChoice.Scored s = scored.get(i);
                String name = s.candidate().name();
                boolean chosen = e.choice().picked(name);
                String label = name.equals("bnsl:auto") && chosen ? e.choice().chosen() : name;
                sb.append(String.format(Locale.ROOT, "  %-3s %-18s %-18s %-7d %-11s %s%n", chosen ? "→" : "", label,
                        Double.isFinite(s.score()) ? format(s.score(), 4) : "—", s.candidate().parameters(),
                        Double.isFinite(trainErrors.get(g)[i]) ? format(trainErrors.get(g)[i], 4) : "—",
                        s.error() == null ? "" : s.error().replaceFirst("^.*?': ", "")));
            }
            if (e.holdout().size() > 0) {
                sb.append("  chosen law's holdout RMSLE ").append(format(e.holdoutRmsle(), 4)).append('\n');
            }
            sb.append('\n');
        }
        sb.append("--law auto predicts with the median of its members' log predictions (→ marks the members). From 10 training\n")
                .append("points on, each member is scored by rolling-origin RMSLE on the training points (cuts reaching back as far as\n")
                .append("the horizon, weights 0.8^j) and members scoring more than 2x the best are left out; --breaks auto keeps the\n")
                .append("fewest breaks within 1.5x of the best score.\n");
        return sb.toString();
    }
}
