package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AppSettingsTests {

    @Test
    void absentContextMeansNoEndpointOnOneDefaultInstance() {
        assertThat(AppSettings.fromContext(key -> null)).isEqualTo(AppSettings.defaults());
        assertThat(AppSettings.defaults().deployEndpoint()).isFalse();
    }

    @Test
    void defaultsScaleOneToFourInstancesAtTwelveThousandInvocationsPerInstanceAndMinute() {
        ScalingSettings scaling = AppSettings.defaults().scaling();
        assertThat(scaling).isEqualTo(new ScalingSettings(1, 4, 12_000, 600, 300));
        assertThat(scaling.autoscales()).isTrue();
    }

    @Test
    void defaultAlarmsWatchFiveAndOnePercentErrors200MsP99And80PercentCpuWithoutMail() {
        AlarmSettings alarms = AppSettings.defaults().alarms();
        assertThat(alarms).isEqualTo(new AlarmSettings(5, 1, 200, 80, null));
        assertThat(alarms.notifies()).isFalse();
        assertThat(alarms.modelLatencyP99Micros()).isEqualTo(200_000);
    }

    @Test
    void dataCaptureIsOffByDefaultWithATenPercentSample() {
        assertThat(AppSettings.defaults().capture()).isEqualTo(new CaptureSettings(false, 10));
    }

    @Test
    void readsCommandLineStringsAndTypedCdkJsonValues() {
        Map<String, Object> context =
                Map.of("endpoint", true, "endpointInstanceType", "ml.c7g.2xlarge", "endpointInstanceCount", "3");
        assertThat(AppSettings.fromContext(context::get)).isEqualTo(new AppSettings(true, "ml.c7g.2xlarge", 3));
    }

    @Test
    void minimumInstancesDefaultToTheInstanceCountAndTheMaximumGrowsWithThem() {
        assertThat(AppSettings.fromContext(Map.<String, Object>of("endpointInstanceCount", "3")::get)
                        .scaling())
                .extracting(ScalingSettings::minInstances, ScalingSettings::maxInstances)
                .containsExactly(3, 4);
        assertThat(AppSettings.fromContext(Map.<String, Object>of("endpointInstanceCount", 6)::get)
                        .scaling())
                .extracting(ScalingSettings::minInstances, ScalingSettings::maxInstances)
                .containsExactly(6, 6);
    }

    @Test
    void readsEveryOperationsKey() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("endpointMinInstances", "2");
        context.put("endpointMaxInstances", 8);
        context.put("endpointTargetInvocationsPerInstance", "3000.5");
        context.put("endpointScaleInCooldownSeconds", "900");
        context.put("endpointScaleOutCooldownSeconds", 60.0);
        context.put("alarm4xxRatePercent", "7.5");
        context.put("alarm5xxRatePercent", 0.5);
        context.put("alarmModelLatencyP99Millis", "120");
        context.put("alarmCpuUtilizationPercent", 90);
        context.put("alarmEmail", " ops@example.com ");
        context.put("dataCapture", "true");
        context.put("dataCaptureSamplePercent", "100");
        AppSettings settings = AppSettings.fromContext(context::get);
        assertThat(settings.scaling()).isEqualTo(new ScalingSettings(2, 8, 3000.5, 900, 60));
        assertThat(settings.alarms()).isEqualTo(new AlarmSettings(7.5, 0.5, 120, 90, "ops@example.com"));
        assertThat(settings.capture()).isEqualTo(new CaptureSettings(true, 100));
    }

    @Test
    void equalMinimumAndMaximumIsAFixedFleetWithoutScaling() {
        assertThat(new ScalingSettings(2, 2, 12_000, 600, 300).autoscales()).isFalse();
    }

    @Test
    void cdkJsonDeclaresTheDefaultsOfEveryKeyButTheDerivedMinimumAndTheOptionalMail() throws IOException {
        Map<String, Object> context = cdkJsonContext();
        assertThat(context)
                .containsOnlyKeys(
                        "endpoint",
                        "endpointInstanceType",
                        "endpointInstanceCount",
                        "endpointMaxInstances",
                        "endpointTargetInvocationsPerInstance",
                        "endpointScaleInCooldownSeconds",
                        "endpointScaleOutCooldownSeconds",
                        "alarm4xxRatePercent",
                        "alarm5xxRatePercent",
                        "alarmModelLatencyP99Millis",
                        "alarmCpuUtilizationPercent",
                        "dataCapture",
                        "dataCaptureSamplePercent");
        assertThat(AppSettings.fromContext(context::get)).isEqualTo(AppSettings.defaults());
    }

    @Test
    void vcpusFollowTheInstanceSize() {
        assertThat(AppSettings.vcpus("ml.t2.medium")).isEqualTo(2);
        assertThat(AppSettings.vcpus("ml.m5.large")).isEqualTo(2);
        assertThat(AppSettings.vcpus("ml.c5.xlarge")).isEqualTo(4);
        assertThat(AppSettings.vcpus("ml.c7g.2xlarge")).isEqualTo(8);
        assertThat(AppSettings.vcpus("ml.p4d.24xlarge")).isEqualTo(96);
    }

    @Test
    void cpuThresholdIsThePercentageTimesTheVcpus() {
        assertThat(AppSettings.defaults().alarms().cpuUtilizationThreshold(AppSettings.vcpus("ml.c5.xlarge")))
                .isEqualTo(320);
    }

    @Test
    void rejectsInstanceSizeWithoutAKnownVcpuCount() {
        assertThatThrownBy(() -> AppSettings.vcpus("ml.m5.metal"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("context endpointInstanceType = 'ml.m5.metal' is invalid: its size 'metal'");
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

    @Test
    void rejectsMinimumInstancesBelowOne() {
        assertThatThrownBy(() -> AppSettings.fromContext(Map.<String, Object>of("endpointMinInstances", "0")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context endpointMinInstances = 0 is invalid: must be at least 1");
    }

    @Test
    void rejectsMaximumBelowMinimum() {
        assertThatThrownBy(() -> AppSettings.fromContext(
                        Map.<String, Object>of("endpointMinInstances", "3", "endpointMaxInstances", "2")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context endpointMaxInstances = 2 is invalid: must be at least endpointMinInstances (3)");
    }

    @Test
    void rejectsTargetThatIsNotPositive() {
        assertThatThrownBy(() -> AppSettings.fromContext(
                        Map.<String, Object>of("endpointTargetInvocationsPerInstance", "0")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context endpointTargetInvocationsPerInstance = 0.0 is invalid: must be greater than 0");
    }

    @Test
    void rejectsNegativeCooldowns() {
        assertThatThrownBy(() ->
                        AppSettings.fromContext(Map.<String, Object>of("endpointScaleInCooldownSeconds", "-1")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context endpointScaleInCooldownSeconds = -1 is invalid: must be 0 or more");
        assertThatThrownBy(() ->
                        AppSettings.fromContext(Map.<String, Object>of("endpointScaleOutCooldownSeconds", "-5")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context endpointScaleOutCooldownSeconds = -5 is invalid: must be 0 or more");
    }

    @Test
    void rejectsRatesOutsideZeroToOneHundredPercent() {
        assertThatThrownBy(() -> AppSettings.fromContext(Map.<String, Object>of("alarm4xxRatePercent", "0")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context alarm4xxRatePercent = 0.0 is invalid: must be greater than 0 and at most 100");
        assertThatThrownBy(() -> AppSettings.fromContext(Map.<String, Object>of("alarm5xxRatePercent", "101")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context alarm5xxRatePercent = 101.0 is invalid: must be greater than 0 and at most 100");
        assertThatThrownBy(
                        () -> AppSettings.fromContext(Map.<String, Object>of("alarmCpuUtilizationPercent", "150")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(
                        "context alarmCpuUtilizationPercent = 150.0 is invalid: must be greater than 0 and at most 100");
    }

    @Test
    void rejectsLatencyThresholdThatIsNotPositive() {
        assertThatThrownBy(
                        () -> AppSettings.fromContext(Map.<String, Object>of("alarmModelLatencyP99Millis", "-3")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context alarmModelLatencyP99Millis = -3.0 is invalid: must be greater than 0");
    }

    @Test
    void rejectsThresholdThatIsNotANumber() {
        assertThatThrownBy(() -> AppSettings.fromContext(Map.<String, Object>of("alarm5xxRatePercent", "1%")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context alarm5xxRatePercent = '1%' is invalid: must be a number");
    }

    @Test
    void rejectsAlarmEmailThatIsNoAddress() {
        assertThatThrownBy(() -> AppSettings.fromContext(Map.<String, Object>of("alarmEmail", "ops")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context alarmEmail = 'ops' is invalid: must be an e-mail address like ops@example.com");
    }

    @Test
    void rejectsSamplePercentOutsideOneToOneHundred() {
        assertThatThrownBy(() -> AppSettings.fromContext(Map.<String, Object>of("dataCaptureSamplePercent", "0")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context dataCaptureSamplePercent = 0 is invalid: must be between 1 and 100");
        assertThatThrownBy(
                        () -> AppSettings.fromContext(Map.<String, Object>of("dataCaptureSamplePercent", "101")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context dataCaptureSamplePercent = 101 is invalid: must be between 1 and 100");
    }

    @Test
    void rejectsDataCaptureFlagThatIsNotABoolean() {
        assertThatThrownBy(() -> AppSettings.fromContext(Map.<String, Object>of("dataCapture", "on")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("context dataCapture = 'on' is invalid: must be true or false");
    }

    /**
     * The flat {@code "context"} object of infra/cdk.json (the module's working directory in tests): strings,
     * booleans and numbers as the CDK hands them to the app.
     */
    private static Map<String, Object> cdkJsonContext() throws IOException {
        String json = Files.readString(Path.of("cdk.json"));
        Matcher block = Pattern.compile("\"context\"\\s*:\\s*\\{([^}]*)}").matcher(json);
        assertThat(block.find()).as("cdk.json has a context object").isTrue();
        Map<String, Object> context = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\"[^\"]*\"|true|false|-?[0-9.]+)")
                .matcher(block.group(1));
        while (entry.find()) {
            String value = entry.group(2);
            context.put(
                    entry.group(1),
                    value.startsWith("\"")
                            ? value.substring(1, value.length() - 1)
                            : value.equals("true") || value.equals("false")
                                    ? (Object) Boolean.valueOf(value)
                                    : (Object) Double.valueOf(value));
        }
        return context;
    }
}
