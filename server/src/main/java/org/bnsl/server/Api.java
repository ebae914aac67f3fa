package org.bnsl.server;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.io.Backtests;
import org.bnsl.io.Bnsl;
import org.bnsl.io.FitRun;
import org.bnsl.io.FitSpec;
import org.bnsl.io.GroupResult;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.BacktestReport;
import org.bnsl.io.render.ComparisonReport;
import org.bnsl.io.render.FitReport;
import org.bnsl.io.render.Json;
import org.bnsl.io.render.PlanReport;
import org.bnsl.io.render.PredictionReport;
import org.bnsl.io.report.Figure;
import org.bnsl.io.report.FigureRenderer;
import org.bnsl.io.report.Html;
import org.bnsl.io.report.HtmlReport;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;
import org.bnsl.select.Backtest;
import org.bnsl.select.Extrapolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operations of the API. Each reads the command's options from the request (snake_case names,
 * see {@link Specs}), runs the engine as the command does ({@link Bnsl}, {@link FitSpec}) and
 * answers with the command's own renderer, so the answer is exactly what {@code --json} prints.
 * Every curve is fitted on the worker's own thread: the server's pool runs requests side by side.
 */
final class Api {
    private Api() {
    }

    /** GET /api/v1/laws: the built-in laws as {@code bnsl laws} lists them (bnsl first). */
    static String laws() {
        ObjectNode root = Http.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("laws");
        List<Law> all = new ArrayList<>();
        all.add(org.bnsl.law.Bnsl.withBreaks(1));
        all.addAll(Laws.all());
        for (Law law : all) {
            ObjectNode o = arr.addObject();
            o.put("name", law instanceof org.bnsl.law.Bnsl ? "bnsl" : law.name());
            law.variables().forEach(o.putArray("variables")::add);
            law.parameters().forEach(o.putArray("parameters")::add);
            o.put("formula", law.formula());
        }
        return root.toPrettyString() + "\n";
    }

    static Map<String, Endpoint> endpoints() {
        Map<String, Endpoint> m = new LinkedHashMap<>();
        m.put("fit", Api::fit);
        m.put("compare", Api::compare);
        m.put("predict", Api::predict);
        m.put("plan", Api::plan);
        m.put("backtest", Api::backtest);
        return m;
    }

    /**
     * What {@code POST fit} can answer: what {@code fit --json} prints, writes with --out, report writes, or --plot draws;
     * or the report's parameter and scores tables of each group, as an HTML fragment for the page.
     */
    private enum Output { JSON, MODEL, REPORT, SVG, PNG, TABLES }

    /** {@code bnsl fit}: {@code fit --json} (or the model file, the HTML report, the figure). */
    static Answer fit(ApiRequest r) {
        String o = r.string("output");
        Output output;
        try {
            output = o == null ? Output.JSON : Output.valueOf(o.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput("output: expected json, model, report, svg, png or tables, got '" + ApiRequest.clip(o) + "'", "output");
        }
        FitSpec spec = Specs.fit(r, true);
        Table table = r.table();
        r.checkAllRead();
        boolean drawn = output == Output.REPORT || output == Output.SVG || output == Output.PNG;
        // as the commands do: fit --json, --out and --plot report a failed group and go on; bnsl report stops at it
        boolean lenient = output != Output.REPORT;
        FitRun run = Bnsl.prepare(table, spec, new Bnsl.Prepare(lenient, false, true, output == Output.MODEL,
                law -> {
                    if (drawn) Figure.checkDrawable(law, "output " + output.name().toLowerCase(Locale.ROOT));
                }, null));
        List<Extrapolation> results = new ArrayList<>();
        if (lenient) {
            FitReport.Batch batch = new FitReport.Batch(run.columns(), output == Output.JSON);
            String firstFailure = null;
            List<GroupResult> all = new ArrayList<>();
            for (SeriesReader.Group g : run.groups()) {
                GroupResult result = run.fitGroup(g);
                batch.add(result);
                all.add(result);
                if (result.failed() && firstFailure == null) firstFailure = result.name() + ": " + result.error();
                if (!result.failed()) results.add(result.model().extrapolation());
            }
            if (output == Output.JSON) {
                return Answer.json(Json.write(batch.json()));
            }
            if (output == Output.TABLES) {
                return Answer.of("text/html; charset=utf-8", tables(all));
            }
            if (results.isEmpty()) {
                throw ApiException.badInput("no group could be fitted; the first: " + firstFailure, r.dataField());
            }
        } else {
            results = run.fitAll();
        }
        return switch (output) {
            case MODEL -> Answer.json(Json.write(ModelFile.toJson(results, run)));
            case REPORT -> Answer.of("text/html; charset=utf-8", HtmlReport.render(new HtmlReport.Context(results, run,
                    Figure.of(results, run, Specs.figureOptions()), "POST /api/v1/fit " + r.summary(), Bnsl.version(), null)));
            case SVG -> Answer.of("image/svg+xml; charset=utf-8", FigureRenderer.svg(Figure.of(results, run, Specs.figureOptions()),
                    "bnsl fit of " + r.source()));
            case PNG -> new Answer("image/png", FigureRenderer.png(Figure.of(results, run, Specs.figureOptions())));
            default -> throw new IllegalStateException(output.name());
        };
    }

    /**
     * The report's own pieces for each group ({@link HtmlReport#parameterTable}, {@link HtmlReport#scoresTable} and
     * {@link HtmlReport#holdoutTable}), styled by {@link HtmlReport#css()}; a failed group is one line with its error.
     * Each group is a {@code section.group}, headed by its name by the parameter table's own {@code <h3>}.
     */
    static String tables(List<GroupResult> results) {
        StringBuilder html = new StringBuilder();
        for (GroupResult g : results) {
            String name = Html.escape(g.name());
            if (g.failed()) {
                html.append("<p class=\"failed\" data-group=\"").append(name).append("\">").append(name).append(": failed: ")
                        .append(Html.escape(g.error())).append("</p>\n");
                continue;
            }
            html.append("<section class=\"group\" data-group=\"").append(name).append("\">\n");
            html.append(HtmlReport.parameterTable(g.model())).append(HtmlReport.scoresTable(g.model()))
                    .append(HtmlReport.holdoutTable(g.model())).append("</section>\n");
        }
        return html.toString();
    }

    /** {@code bnsl compare --json}. */
    static Answer compare(ApiRequest r) {
        FitSpec spec = Specs.fit(r, false, ComparisonReport.lawToCompare(r.string("law"), r.string("formula"), r.string("breaks")));
        Table table = r.table();
        r.checkAllRead();
        FitRun run = Bnsl.prepare(table, spec, new Bnsl.Prepare(false, false, true, false, law -> { }, null));
        List<Extrapolation> results = run.fitAll();
        return Answer.json(Json.write(ComparisonReport.json(results, run.columns(), ComparisonReport.trainErrors(results))));
    }

    /** The most scales one predict request asks for (the page asks for about 120 to draw a curve). */
    static final int MAX_SCALES = 10_000;

    /**
     * {@code bnsl predict --json}: a model file (a JSON object, as {@code fit} answers with output=model) at new scales
     * ({@code at}, or the CSV text of {@code points}), or inverted ({@code target}).
     */
    static Answer predict(ApiRequest r) {
        JsonNode model = r.object("model");
        List<String> at = r.strings("at");
        String points = r.string("points");
        Double target = r.number("target");
        String group = r.string("group");
        r.checkAllRead();
        if (model == null) {
            throw ApiException.badInput("model: give the model file as a JSON object (what fit answers with \"output\": \"model\")", "model");
        }
        if (at != null && at.size() > MAX_SCALES) {
            throw ApiException.badInput("at: " + at.size() + " scales is more than the " + MAX_SCALES + " one request may ask for", "at");
        }
        r.source("model", "model");
        String text = model.toString();
        String answer = new PredictionReport("model", () -> ModelFile.read("model", text), () -> ModelFile.fittedWith("model", text).columns(),
                at, points == null ? null : "points", () -> Table.read("points", new StringReader(points), Table.Format.AUTO), target, group)
                .render(true);
        return Answer.json(answer);
    }

    /** {@code bnsl plan --json}: from a model file (a JSON object) or a preset. */
    static Answer plan(ApiRequest r) {
        JsonNode model = r.object("model");
        String preset = r.string("preset");
        String group = r.string("group");
        String budget = r.string("budget");
        Integer points = r.integer("points");
        Double targetLoss = r.number("target_loss");
        Double k = r.number("flops_per_param_token");
        Double inference = r.number("inference_tokens");
        Double level = r.number("level");
        r.checkAllRead();
        r.source("model", "model");
        PlanReport.Planned p = PlanReport.plan(model == null ? null : "model", () -> ModelFile.read("model", model.toString()), preset,
                group, budget, points == null ? PlanReport.DEFAULT_POINTS : points, targetLoss,
                k == null ? PlanReport.DEFAULT_FLOPS_PER_PARAM_TOKEN : k, inference == null ? 0 : inference, level);
        return Answer.json(Json.write(PlanReport.json(p.plans(), p.intervals(), p.closed())));
    }

    /** {@code bnsl backtest --json}: every candidate and auto fitted to each curve's fit points, scored on its held-out points. */
    static Answer backtest(ApiRequest r) {
        String x = r.string("x");
        String y = r.string("y");
        String group = r.string("group");
        String better = r.string("better_column");
        String split = r.string("split_column");
        Double above = r.number("holdout_above");
        String where = r.string("holdout_where");
        List<String> candidates = r.strings("candidates");
        List<String> auto = r.strings("auto_candidates");
        String space = r.has("space") ? r.string("space") : Backtests.DEFAULT_SPACE;
        Integer bootstrap = r.integer("bootstrap");
        Specs.refuseUnused(r, bootstrap != null, "bootstrap", "seed", "level");
        Double seed = r.number("seed");
        Double level = r.number("level");
        Table table = r.table();
        r.checkAllRead();
        Specs.require(x, "x", "the column of the scale");
        Specs.require(y, "y", "the column of the metric");
        Backtests.checkSplit(r.source(), split, above, where);
        Backtests.Setup setup = Backtests.setup(candidates, auto, space, bootstrap, seed == null ? 0 : Specs.seed(seed),
                level == null ? Double.parseDouble(Backtests.DEFAULT_LEVEL) : level, 1);
        List<Backtest.Task> tasks = Backtests.tasks(table, Backtests.layout(table, x, y, group, better, split, above, where), false);
        Backtest.Report report = setup.summarize(setup.run(tasks, i -> { }));
        return Answer.json(Json.write(BacktestReport.json(r.source(), setup.names(), setup.autoNames(), report)));
    }
}
