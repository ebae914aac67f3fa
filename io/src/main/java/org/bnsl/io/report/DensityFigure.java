package org.bnsl.io.report;

import static org.bnsl.Numbers.format;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.bnsl.io.render.DensityReport;
import org.bnsl.plan.Density;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figure of the densing law ({@code bnsl density --plot}): ln ρ of every model against its
 * release day (days since the first release), the envelope's models marked, and the fitted line
 * ln ρ_max = A·t + B. Linear axes, so it is drawn by XChart directly rather than as a
 * {@link Figure} of fitted curves; the file format is chosen with {@link FigureRenderer.Format}.
 */
public final class DensityFigure {
    private DensityFigure() {
    }

    /** The figure as an SVG document. */
    public static String svg(Density.Result r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart(r), bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The figure as a PNG. */
    public static byte[] png(Density.Result r) {
        try {
            return BitmapEncoder.getBitmapBytes(chart(r), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart chart(Density.Result r) {
        XYChart c = new XYChart(780, 480);
        c.setTitle("Densing law: ln ρ against release date (doubling every " + format(r.doublingMonths(), 3) + " months)");
        c.setXAxisTitle("days since " + r.origin());
        c.setYAxisTitle("ln ρ = ln(N̂/N)");
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(7);
        List<Double> tx = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        List<Double> ex = new ArrayList<>();
        List<Double> ey = new ArrayList<>();
        double tMax = 0;
        for (Density.Row row : r.rows()) {
            if (Double.isNaN(row.density())) continue;
            (row.envelope() ? ex : tx).add(row.days());
            (row.envelope() ? ey : ty).add(Math.log(row.density()));
            tMax = Math.max(tMax, row.days());
        }
        if (!tx.isEmpty()) {
            XYSeries s = c.addSeries("models", tx, ty);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(0x999999));
        }
        XYSeries env = c.addSeries("envelope (densest so far)", ex, ey);
        env.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        env.setMarker(SeriesMarkers.DIAMOND);
        env.setMarkerColor(new Color(0xD55E00));
        XYSeries line = c.addSeries("ln ρ_max = " + format(r.slope(), 3) + "·t " + DensityReport.plus(r.intercept(), 3),
                new double[] {0, tMax}, new double[] {r.lnDensityAt(0), r.lnDensityAt(tMax)});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(new Color(0x0072B2));
        return c;
    }
}
