package org.bnsl.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bnsl.data.SeriesReader;
import org.bnsl.data.Table;
import org.bnsl.io.Bnsl;
import org.bnsl.io.FitRun;
import org.bnsl.io.FitSpec;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.ComparisonReport;
import org.bnsl.io.render.FitReport;
import org.bnsl.io.render.Json;
import org.bnsl.io.report.Figure;
import org.bnsl.io.report.FigureRenderer;
import org.bnsl.io.report.HtmlReport;
import org.bnsl.select.Extrapolation;


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
        com.fasterxml.jackson.databind.node.ObjectNode root = Http.MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode arr = root.putArray("laws");
        java.util.List<org.bnsl.law.Law> all = new java.util.ArrayList<>();
        all.add(org.bnsl.law.Bnsl.withBreaks(1));
        all.addAll(org.bnsl.law.Laws.all());
        for (org.bnsl.law.Law law : all) {
            com.fasterxml.jackson.databind.node.ObjectNode o = arr.addObject();
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

    /** What {@code POST fit} can answer: what {@code fit --json} prints, writes with --out, report writes, or --plot draws. */
    private enum Output { JSON, MODEL, REPORT, SVG, PNG }

    /** {@code bnsl fit}: {@code fit --json} (or the model file, the HTML report, the figure). */
    static Answer fit(ApiRequest r) {
        String o = r.string("output");
        Output output;
        try {
            output = o == null ? Output.JSON : Output.valueOf(o.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput("output: expected json, model, report, svg or png, got '" + ApiRequest.clip(o) + "'", "output");
        }
        FitSpec spec = Specs.fit(r, true);
        Table table = r.table();
        r.checkAllRead();
        boolean drawn = output == Output.REPORT || output == Output.SVG || output == Output.PNG;
        FitRun run = Bnsl.prepare(table, spec, new Bnsl.Prepare(output == Output.JSON, false, true, output == Output.MODEL,
                law -> {
                    if (drawn) Figure.checkDrawable(law, "output " + output.name().toLowerCase(Locale.ROOT));
                }, null));
        if (output == Output.JSON) {
            FitReport.Batch batch = new FitReport.Batch(run.columns(), true);
            for (SeriesReader.Group g : run.groups()) {
                batch.add(run.fitGroup(g));
            }
            return Answer.json(Json.write(batch.json()));
        }
        List<Extrapolation> results = run.fitAll();
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

    /** {@code bnsl compare --json}. */
    static Answer compare(ApiRequest r) {
        FitSpec spec = Specs.fit(r, false, ComparisonReport.lawToCompare(r.string("law"), r.string("formula"), r.string("breaks")));
        Table table = r.table();
        r.checkAllRead();
        FitRun run = Bnsl.prepare(table, spec, new Bnsl.Prepare(false, false, true, false, law -> { }, null));
        List<Extrapolation> results = run.fitAll();
        return Answer.json(Json.write(ComparisonReport.json(results, run.columns(), ComparisonReport.trainErrors(results))));
    }

    static Answer predict(ApiRequest r) {
        throw new ApiException(501, "not_implemented", "predict is not wired yet", null);
    }

    static Answer plan(ApiRequest r) {
        throw new ApiException(501, "not_implemented", "plan is not wired yet", null);
    }

    static Answer backtest(ApiRequest r) {
        throw new ApiException(501, "not_implemented", "backtest is not wired yet", null);
    }
}
