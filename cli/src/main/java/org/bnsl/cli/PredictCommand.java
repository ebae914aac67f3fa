package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bnsl.data.Table;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.PredictionReport;
import org.bnsl.plan.ComputeOptimal;
import org.bnsl.plan.Inverse;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bnsl predict}: evaluates a saved model at new scales ({@code --at}, {@code --points}), or
 * inverts it ({@code --target}: the smallest scale at which the metric reaches a value, see
 * {@link Inverse}; for a law in N and D with neither given, the compute-optimal run of
 * {@link ComputeOptimal#budgetFor}).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the metric at new scales from a model file written by 'bnsl fit --out',",
            "or, with --target Y, the smallest scale at which it reaches Y."})
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.json")
    Path model;

    @Option(names = "--at", split = ",", paramLabel = "X|VAR=V",
            description = {"scales to predict at: numbers for a law of one",
                "variable (or VAR=V, VAR its variable or column), VAR=V",
                "pairs for a law of several (N=7e10,D=1.4e12); with",
                "--target, the ones held fixed"})
    List<String> at;

    @Option(names = "--points", paramLabel = "FILE.csv",
            description = {"a table of points, one column per variable (named as",
                "the law's variable or as its fitted column)"})
    Path points;

    @Option(names = "--target", paramLabel = "Y", description = {"the smallest scale at which the metric reaches Y",
        "(falling or rising): the variable left out of --at is",
        "solved for; a law in N and D without --at gives the",
        "compute-optimal budget, N* and D* (plan --target-loss)"})
    Double target;

    @Option(names = "--group", paramLabel = "NAME", description = "only this group")
    String group;

    @Option(names = "--json", description = "write JSON to stdout instead of text")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(new PredictionReport(model.toString(), () -> ModelFile.read(model), () -> ModelFile.fittedWith(model).columns(), at,
                points == null ? null : points.toString(), () -> Table.read(points), target, group).render(json));
        out.flush();
        return Main.OK;
    }
}
