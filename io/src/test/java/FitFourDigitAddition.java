import java.nio.file.Files;
import java.nio.file.Path;

import org.bnsl.io.Bnsl;
import org.bnsl.io.FitSpec;
import org.bnsl.io.Model;
import org.bnsl.uncertainty.PredictionInterval;

public class FitFourDigitAddition {
    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0] : "examples/four_digit_addition.csv");
        FitSpec spec = FitSpec.builder()
                .x("dataset_size").y("test_cross_entropy")
                .breaks(1)            // a BNSL with one break
                .holdoutAbove(736.0)  // fit x <= 736, score the extrapolation beyond
                .bootstrap(200)       // 90% percentile intervals from 200 refits
                .build();
        Model model = Bnsl.fitFile(csv, spec).get(0).model();

        double x = 10 * 928;  // 10x the largest dataset_size in the file
        PredictionInterval iv = model.interval(0.9, x);
        System.out.printf("loss at %.0f: %.4f (90%%: %.4f to %.4f)%n", x, model.predict(x), iv.lo(), iv.hi());
        for (Model.Break b : model.breaks()) {
            System.out.printf("break %d at x = %.1f: slope %.3f, then %.3f%n", b.index(), b.x(), b.slopeBefore(), b.slopeAfter());
        }
        System.out.printf("holdout RMSLE: %.4f%n", model.holdoutMetrics().rmsle());

        Path file = Files.createTempDirectory("bnsl").resolve("four_digit_addition.model.json");
        model.save(file);  // the model file of 'bnsl fit --out'
        Model again = Model.load(file);
        System.out.printf("loaded: %.4f%n", again.predict(x));
    }
}
