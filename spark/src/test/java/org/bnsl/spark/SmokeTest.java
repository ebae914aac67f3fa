package org.bnsl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void sparkStartsOnItsOwnJackson() {
        assertThat(LocalSpark.session().range(10).count()).isEqualTo(10);
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).isEqualTo("2.21.2");
    }
}
