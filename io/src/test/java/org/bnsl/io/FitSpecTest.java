package org.bnsl.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FitSpecTest {
    @Test
    void defaultsAreThoseOfBnslFit() {
        FitSpec s = FitSpec.builder().x("n").y("loss").build();
        assertThat(s.space()).isEqualTo("log");
        assertThat(s.loss()).isEqualTo("squared");
        assertThat(s.level()).isEqualTo(0.9);
        assertThat(s.bootstrap()).isNull();
        assertThat(s.law()).isNull();
        assertThat(s.isChoice()).isFalse();
        assertThat(s.holdsOut()).isFalse();
    }

    @Test
    void toBuilderKeepsEveryValue() {
        FitSpec s = FitSpec.builder().x("n").y("loss").group("g").law("auto").candidates(List.of("m2", "m4")).fallback("m2")
                .holdoutAbove(10.0).bootstrap(20).seed(3).level(0.8).threads(2).init("a=1").build();
        FitSpec t = s.toBuilder().build();
        assertThat(t.candidates()).containsExactly("m2", "m4");
        assertThat(t.fallback()).isEqualTo("m2");
        assertThat(t.holdoutAbove()).isEqualTo(10.0);
        assertThat(t.bootstrap()).isEqualTo(20);
        assertThat(t.seed()).isEqualTo(3);
        assertThat(t.level()).isEqualTo(0.8);
        assertThat(t.threads()).isEqualTo(2);
        assertThat(t.inits()).containsExactly("a=1");
        assertThat(t.isChoice()).isTrue();
    }

    static List<Arguments> wrong() {
        return List.of(
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.breaks("7"), "--breaks", "--breaks must be between 0 and 4, got 7"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.breaks("two"), "--breaks",
                        "--breaks must be a number from 0 to 4 or auto, got 'two'"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.law("m2").breaks(1), "--breaks", "--breaks goes with --law bnsl"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.law("m2").formula("a*x"), "--formula",
                        "give --law or --formula, not both"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.candidates(List.of("m2")), "--candidates",
                        "--candidates goes with --law auto"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.overestimatePenalty(-1.0), "--overestimate-penalty",
                        "--overestimate-penalty must be a positive number, got -1.0"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.seed(1), "--bootstrap", "--seed and --level go with --bootstrap B"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.bootstrap(0), "--bootstrap",
                        "--bootstrap must be a count of at least 1, got 0"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.bootstrap(FitSpec.MAX_RESAMPLES + 1), "--bootstrap",
                        "--bootstrap 100001 is more than the cap of 100,000 resamples"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.bootstrap(10).level(1), "--level",
                        "--level must be between 0 and 1 (exclusive), got 1.0"),
                Arguments.of((UnaryOperator<FitSpec.Builder>) b -> b.threads(0), "--threads", "--threads must be at least 1, got 0"));
    }

    @ParameterizedTest
    @MethodSource("wrong")
    void aWrongOptionIsNamedWithTheCommandLinesMessage(UnaryOperator<FitSpec.Builder> change, String option, String message) {
        FitSpec.Builder b = change.apply(FitSpec.builder().x("n").y("loss"));
        assertThatThrownBy(b::build).isInstanceOf(OptionException.class).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((OptionException) e).option()).isEqualTo(option));
    }
}
