package org.bnsl.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bnsl.fit.Parallel;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 5: on a seeded synthetic suite of 200 curves drawn from every default candidate
 * (noise 0.2%–3%), {@code --law auto} is no worse, in median holdout RMSLE, than the best single
 * candidate used for every curve. The same suite is {@code bnsl bench --choice}, which also prints
 * the confusion between true and chosen laws.
 */
class ChoiceSuiteTest {
    @Test
    void automaticChoiceEarnsItsKeep() {
        List<ChoiceSuite.Trial> trials = ChoiceSuite.run(40, 20221026L, Parallel.cores());
        ChoiceSuite.Summary s = ChoiceSuite.summarize(trials);
        assertThat(s.curves()).isEqualTo(200);
        double best = s.singleMedians().get(s.bestSingle());
        assertThat(s.autoMedian()).as("auto %s vs always %s %s", s.autoMedian(), s.bestSingle(), best)
                .isLessThanOrEqualTo(best);
        // every true law is represented, and the choice is not a constant
        assertThat(s.confusion()).containsOnlyKeys("bnsl", "m2", "m4", "offset-power", "rectified");
        long distinctChoices = s.confusion().values().stream().flatMap(m -> m.keySet().stream()).distinct().count();
        assertThat(distinctChoices).isGreaterThan(2);
        Map<String, Integer> onBnsl = s.confusion().get("bnsl");
        assertThat(onBnsl.getOrDefault("bnsl:auto", 0)).as("BNSL curves are mostly recognised").isGreaterThan(20);
    }
}
