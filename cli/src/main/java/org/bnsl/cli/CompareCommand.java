package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bnsl.fit.Fit;
import org.bnsl.io.Bnsl;
import org.bnsl.io.FitRun;
import org.bnsl.io.FitSpec;
import org.bnsl.io.OutputFile;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.FitReport;
import org.bnsl.io.render.Json;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Metrics;
import org.bnsl.select.ModelChoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bnsl compare}: the candidates of {@code --law auto} (or {@code --breaks auto}) side by side:
 * rolling-origin extrapolation score, parameter count and train error, the choice marked.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = CompareCommand.Help.class,
        description = {"Compare candidate laws by rolling-origin extrapolation error on the training points:",
            "the laws of --law auto (the default), or the break counts of --breaks auto. To fit one law, use 'bnsl fit'."})
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    InputOptions input = new InputOptions();

    @CommandLine.Mixin
    LawOptions law = new LawOptions();

    @CommandLine.Mixin
    HoldoutOptions holdout = new HoldoutOptions();

    @CommandLine.Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--out", paramLabel = "MODEL.json", description = "write the chosen fits as a model file (JSON) for 'bnsl predict'")
    Path out;

    @Option(names = "--json", description = "write one JSON object to stdout instead of text")
    boolean json;

    /** compare's own help for the shared --law option: here it chooses, it does not name one law. */
    static final class Help implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            List<CommandLine.Model.OptionSpec> options = new ArrayList<>(spec.options());
            for (CommandLine.Model.OptionSpec o : options) {
                spec.remove(o);
            }
            for (CommandLine.Model.OptionSpec o : options) {
                spec.addOption(!o.longestName().equals("--law") ? o : o.toBuilder().description(
                        "auto (the default): compare the laws of --candidates; for the break counts of BNSL, give --breaks auto instead")
                        .build());
            }
            return spec;
        }
    }

    @Override
    public Integer call() {
        if (law.lawName == null && law.formula == null && law.breaksText == null) {
            law.lawName = "auto";
        }
        if (law.formula != null || (law.lawName != null && !law.lawName.equals("auto"))
                || (law.breaksText != null && !law.breaksText.equals("auto"))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "compare chooses among laws: give --law auto (the default) or --breaks auto; to fit one law, use 'bnsl fit'");
        }
        FitSpec fitSpec = InputOptions.spec(input, law, holdout, null, threads);
        FitRun job = Bnsl.prepare(input.file, fitSpec, new Bnsl.Prepare(false, false, true, false, l -> {
            if (out != null) {
                OutputFile.checkWritable(out, "--out");
                OutputFile.checkNotInput(out, "--out", input.file);
            }
        }, null));
        List<Extrapolation> results = job.fitAll();
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
            OutputFile.write(out, Json.write(ModelFile.toJson(results, job)), "--out");
        }
        if (json) {
            ObjectNode root = FitReport.json(results, job.columns());
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
        sb.append("--law auto predicts with the median of its members' log predictions (→ marks the members). From 10 training\n")
                .append("points on, each member is scored by rolling-origin RMSLE on the training points (cuts reaching back as far as\n")
                .append("the horizon, weights 0.8^j) and members scoring more than 2x the best are left out; --breaks auto keeps the\n")
                .append("fewest breaks within 1.5x of the best score.\n");
        return sb.toString();
    }
}
