package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bnsl.fit.Fit;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Metrics;
import org.bnsl.select.ModelChoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bnsl compare}: the candidates of {@code --law auto} (or {@code --breaks auto}) side by side:
 * rolling-origin extrapolation score, parameter count and train error, the choice marked.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare candidate laws by rolling-origin extrapolation error on the training points.",
            "Takes the options of 'fit'; --law auto is the default (or give --breaks auto)."})
final class CompareCommand extends FitCommand {

    @Override
    public Integer call() {
        if (lawName == null && formula == null && breaksText == null) {
            lawName = "auto";
        }
        if (!isAuto() && !(isBnsl() && "auto".equals(breaksText))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "compare needs --law auto (the default) or --breaks auto");
        }
        List<Extrapolation> results = fitAll();
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
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            OutputFile.write(out, Json.write(ModelFile.toJson(results, this)), "--out");
        }
        if (json) {
            ObjectNode root = FitReport.json(results, columns);
            JsonNode series = root.get("series");
            for (int g = 0; g < results.size(); g++) {
                JsonNode cands = series.get(g).get("candidates");
                for (int i = 0; i < cands.size(); i++) {
                    Json.putNumber((ObjectNode) cands.get(i), "train_rmsle", trainErrors.get(g)[i]);
                }
            }
            stdout.print(Json.write(root));
        } else {
            stdout.print(text(results, trainErrors));
        }
        stdout.flush();
        return Main.OK;
    }

    private static double[] predict(Fit f, Extrapolation e) {
        double[] p = new double[e.train().size()];
        for (int i = 0; i < p.length; i++) p[i] = f.predict(e.train().point(i));
        return p;
    }

    private String text(List<Extrapolation> results, List<double[]> trainErrors) {
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
        sb.append("Score: rolling-origin RMSLE on the training points (cuts reaching back as far as the horizon, weights 0.8^j);\n")
                .append("a break must divide it by more than 1.5, and --law auto keeps rectified unless another law beats it by a factor 1.25.\n");
        return sb.toString();
    }
}
