package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bnsl.io.Bnsl;
import org.bnsl.io.FitRun;
import org.bnsl.io.FitSpec;
import org.bnsl.io.OutputFile;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.ComparisonReport;
import org.bnsl.io.render.Json;
import org.bnsl.select.Extrapolation;

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
        law.lawName = ComparisonReport.lawToCompare(law.lawName, law.formula, law.breaksText);
        FitSpec fitSpec = InputOptions.spec(input, law, holdout, null, threads);
        FitRun job = Bnsl.prepare(input.file(), fitSpec, new Bnsl.Prepare(false, false, true, false, l -> {
            if (out != null) {
                OutputFile.checkWritable(out, "--out");
                OutputFile.checkNotInput(out, "--out", input.file());
            }
        }, null));
        List<Extrapolation> results = job.fitAll();
        List<double[]> trainErrors = ComparisonReport.trainErrors(results);
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            OutputFile.write(out, Json.write(ModelFile.toJson(results, job)), "--out");
        }
        if (json) {
            stdout.print(Json.write(ComparisonReport.json(results, job.columns(), trainErrors)));
        } else {
            stdout.print(ComparisonReport.text(results, trainErrors));
        }
        stdout.flush();
        return Main.OK;
    }
}
