package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.Json;
import org.bnsl.io.render.PredictionReport;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bnsl predict}: evaluates a saved model at new scales. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict the metric at new scales from a model file written by 'bnsl fit --out'.")
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.json")
    Path model;

    @Option(names = "--at", required = true, split = ",", paramLabel = "X1,X2,...", description = "scales to predict at")
    List<String> at;

    @Option(names = "--group", paramLabel = "NAME", description = "only this group")
    String group;

    @Option(names = "--json", description = "write JSON to stdout instead of text")
    boolean json;

    @Override
    public Integer call() {
        List<Double> xs = PredictionReport.scales(at);
        List<ModelFile.Entry> entries = PredictionReport.select(ModelFile.read(model), group, xs, at, model.toString());
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(PredictionReport.json(entries, xs)) : PredictionReport.text(entries, xs));
        out.flush();
        return Main.OK;
    }
}
