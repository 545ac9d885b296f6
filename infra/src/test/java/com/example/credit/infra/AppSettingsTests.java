package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSettingsTests {

    @Test
    void absentContextMeansNoEndpointOnOneDefaultInstance() {
        assertThat(AppSettings.fromContext(key -> null)).isEqualTo(AppSettings.defaults());
        assertThat(AppSettings.defaults().deployEndpoint()).isFalse();
    }

    @Test
    void readsCommandLineStringsAndTypedCdkJsonValues() {
        Map<String, Object> context =
                Map.of("endpoint", true, "endpointInstanceType", "ml.c7g.2xlarge", "endpointInstanceCount", "3");
        assertThat(AppSettings.fromContext(context::get)).isEqualTo(new AppSettings(true, "ml.c7g.2xlarge", 3));
    }

    @Test
    void rejectsEndpointFlagThatIsNotABoolean() {
        assertThatThrownBy(() -> AppSettings.fromContext(Map.<String, Object>of("endpoint", "yes")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context endpoint = 'yes' is invalid: must be true or false");
    }

    @Test
    void rejectsInstanceTypeOutsideSageMakerNaming() {
        assertThatThrownBy(() -> new AppSettings(true, "m5.large", 1))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'m5.large' is invalid");
    }

    @Test
    void rejectsInstanceCountBelowOne() {
        assertThatThrownBy(() -> new AppSettings(true, "ml.m5.large", 0))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context endpointInstanceCount = 0 is invalid: must be at least 1");
    }

    @Test
    void rejectsInstanceCountThatIsNotANumber() {
        assertThatThrownBy(() -> AppSettings.fromContext(Map.<String, Object>of("endpointInstanceCount", "two")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context endpointInstanceCount = 'two' is invalid: must be a whole number");
    }
}
