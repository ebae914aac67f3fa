package org.bnsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.io.OutputFile;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.report.Figure;
import org.bnsl.io.report.FigureRenderer;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.select.Holdout;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bnsl plot}: redraws a saved model over data, without fitting again. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw the curves of a model file (from 'bnsl fit --out') over the points of a data file.",
            "Columns, group, --where and the holdout default to those the model was fitted with."})
final class PlotCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.json")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV or JSON file of points")
    Path data;

    @Option(names = "--x", paramLabel = "COL", description = "column of the scale (default: as fitted)")
    String xColumn;

    @Option(names = "--y", paramLabel = "COL", description = "column of the metric (default: as fitted)")
    String yColumn;

    @Option(names = "--group", paramLabel = "COL", description = "column naming the curves (default: as fitted)")
    String groupColumn;

    @Option(names = "--out", required = true, paramLabel = "FILE.svg|png", description = "the image to write")
    Path out;

    @CommandLine.Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        FigureRenderer.Format.of(out, "--out");
        OutputFile.checkWritable(out, "--out");
        OutputFile.checkNotInput(out, "--out", model, data);
        Figure.Options options = plot.figureOptions();
        List<ModelFile.Entry> entries = ModelFile.read(model);
        ModelFile.FittedWith made = ModelFile.fittedWith(model);
        Figure.checkDrawable(entries.get(0).law(), "bnsl plot");
        List<String> vars = entries.get(0).law().variables();
        Map<String, String> columns = new LinkedHashMap<>();
        for (String v : vars) {
            String col = made.columns().get(v);
            if (vars.size() == 1 && xColumn != null) col = xColumn;
            if (col == null) {
                throw new InputException(model + ": the model file does not say which column is '" + v + "'; give --x COL");
            }
            columns.put(v, col);
        }
        if (xColumn != null && vars.size() != 1) {
            throw new InputException("--x is for laws of one variable; law '" + entries.get(0).law().name() + "' takes "
                    + String.join(", ", vars));
        }
        String y = yColumn != null ? yColumn : made.y();
        if (y == null) {
            throw new InputException(model + ": the model file does not name the metric's column; give --y COL");
        }
        String group = groupColumn != null ? groupColumn : made.group();
        Table table = Table.read(data);
        SeriesReader.Builder reader = SeriesReader.builder().y(y);
        columns.forEach(reader::variable);
        if (group != null) reader.group(group);
        if (made.where() != null) {
            RowPredicate.Bound filter = RowPredicate.compile(made.where(), model + ": \"where\"").bind(table.columns());
            reader.filter(row -> filter.test(j -> table.number(row, j)));
        }
        List<Series> series = reader.build().read(table);
        Set<Integer> held = new HashSet<>();
        if (made.holdoutWhere() != null) {
            RowPredicate.Bound h = RowPredicate.compile(made.holdoutWhere(), model + ": \"holdout_where\"").bind(table.columns());
            for (int r = 0; r < table.rowCount(); r++) {
                int row = r;
                if (h.test(j -> table.number(row, j))) held.add(table.line(r));
            }
        }
        List<Figure.Curve> curves = new ArrayList<>();
        for (ModelFile.Entry e : entries) {
            Series s = match(e, entries, series);
            boolean[] mask = new boolean[s.size()];
            for (int i = 0; i < mask.length; i++) {
                if (made.holdoutWhere() != null) {
                    mask[i] = held.contains(s.line(i));
                } else if (vars.size() == 1) {
                    double limit = made.holdoutAbove() != null ? made.holdoutAbove() : e.xMax();
                    mask[i] = s.x(0, i) > limit;
                }
            }
            Holdout split = Holdout.of(s, mask, "beyond the fitted range");
            curves.add(new Figure.Curve(e.name(), e.law(), e.parameters(), e.xOffset(), split.train(), split.holdout(),
                    e.bootstrap()));
        }
        Figure figure = Figure.of(curves, columns, y, options);
        PlotOptions.write(figure, out, "--out", "bnsl plot of " + model.getFileName());
        return Main.OK;
    }

    private Series match(ModelFile.Entry e, List<ModelFile.Entry> entries, List<Series> series) {
        if (entries.size() == 1 && series.size() == 1) return series.get(0);
        for (Series s : series) {
            if (s.name().equals(e.name())) return s;
        }
        throw new InputException(data + ": no group '" + e.name() + "' (a curve of " + model + "); the groups are: "
                + String.join(", ", series.stream().map(Series::name).toList()));
    }
}
